package io.pgpulse.core.sampling;

/** The independently refreshed parts of a snapshot; each can go stale on its own. */
public enum Section {
    SERVER, ACTIVITY, LOCKS, DATABASES, LIMITS, STATEMENTS
}
