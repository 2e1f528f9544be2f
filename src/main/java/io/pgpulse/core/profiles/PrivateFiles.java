package io.pgpulse.core.profiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How PgPulse writes its files in the user's config directory: owner-only from the first byte,
 * synced, then renamed over the old file in one step, so a crash or a full disk never leaves a
 * half-written file and nobody else can read it even for a moment.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates the directory (and its parents) for its owner only; PgPulse's own directory is tightened if looser. */
    public static void createDirectory(Path directory) throws IOException {
        if (!isPosix(directory)) {
            Files.createDirectories(directory);
            return;
        }
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
        if (!current.equals(DIRECTORY_PERMISSIONS)) {
            // Only PgPulse's own directory is tightened; its parents are the user's business.
            Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
            LOG.info("Restricted {} to its owner (it was {})", directory, PosixFilePermissions.toString(current));
        }
    }

    /** Replaces {@code file} with {@code bytes}; on failure the previous file is unchanged. */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            // Private from the first byte: creating with default permissions and tightening them
            // afterwards would leave a window in which others could open the file.
            FileAttribute<?>[] attributes = isPosix(file)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                    : new FileAttribute<?>[0];
            Files.createFile(temp, attributes);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Without this a crash soon after the rename can leave an empty file behind it.
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("Could not delete the temporary file {} ({})", temp, describe(e));
                }
            }
        }
    }

    /** "AccessDeniedException: /path" — the kind and the detail, for messages. */
    public static String describe(IOException e) {
        String detail = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return detail == null ? kind : kind + ": " + detail;
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
