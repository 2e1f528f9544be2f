package io.pgpulse.core.explain.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

import io.pgpulse.core.CoreService;

/**
 * Reads a plan from a file (opened or dropped in the app, {@code --plan-file} in the CLI) with
 * {@link PlanInput}. Files from Windows shells are often UTF-16 with a byte-order mark; logs may
 * hold bytes that are not UTF-8, which are replaced rather than refused.
 */
@CoreService
public final class PlanFiles {
    /** A 10,000-node plan is about 5 MB of JSON; anything far larger is not a plan worth waiting for. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private PlanFiles() {}

    public static PlanReading read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new PlanReading.Unreadable(String.format(Locale.ROOT,
                        "%s is %.0f MB; plans larger than %d MB are not read.", file, size / 1e6, MAX_BYTES / (1024 * 1024)),
                        OptionalInt.empty());
            }
            return PlanInput.read(decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return new PlanReading.Unreadable("Cannot read " + file + ": there is no such file.", OptionalInt.empty());
        } catch (IOException e) {
            return new PlanReading.Unreadable("Cannot read " + file + ": " + e.getMessage(), OptionalInt.empty());
        }
    }

    /** A plan from a stream (standard input), read to its end but no further than {@link #MAX_BYTES}. */
    public static PlanReading read(InputStream in, String origin) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
            if (bytes.length > MAX_BYTES) {
                return new PlanReading.Unreadable(origin + " holds more than " + MAX_BYTES / (1024 * 1024)
                        + " MB; plans that large are not read.", OptionalInt.empty());
            }
            return PlanInput.read(decode(bytes));
        } catch (IOException e) {
            return new PlanReading.Unreadable("Cannot read " + origin + ": " + e.getMessage(), OptionalInt.empty());
        }
    }

    /** UTF-8 unless a byte-order mark says UTF-16; malformed bytes become U+FFFD. */
    static String decode(byte[] bytes) {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        return new String(bytes, skip, bytes.length - skip, cs);
    }
}
