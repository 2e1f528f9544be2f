/**
 * Saved connection profiles and where their passwords live.
 *
 * <p>A {@link io.pgpulse.core.profiles.Profile} holds where and as whom to connect, never a
 * password: {@code profiles.json} is an ordinary file in the user's config directory, and backups,
 * dotfile repositories and support bundles copy such files around. A password goes to the OS
 * keychain ({@link io.pgpulse.core.profiles.OsKeychain}); when there is none, or it does not
 * answer, PgPulse asks for it every session ({@link io.pgpulse.core.profiles.AskEverySession}).
 * There is deliberately no file-based fallback: a password file PgPulse wrote itself would be
 * exactly the plaintext secret on disk that the keychain exists to avoid. {@code PGPASSWORD} and
 * {@code .pgpass} remain usable because the user chose them, and they win over the keychain as
 * they do in psql.
 */
package io.pgpulse.core.profiles;
