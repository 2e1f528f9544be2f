/**
 * Bounded in-memory history: every structure here has a capacity fixed at construction, so a
 * 24-hour session at a 1 s refresh uses no more memory than the first hour.
 */
package io.pgpulse.core.history;
