package io.pgpulse.app.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;

/**
 * PNG export in two steps, because they belong on different threads: drawing reads the live
 * dataset, which only the FX thread may touch, and writing is file I/O, which the FX thread must
 * never do.
 */
public final class ChartImages {
    private ChartImages() {
    }

    /** Draws the chart as it is now; call on the FX thread. */
    public static BufferedImage render(JFreeChart chart, int width, int height) {
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, null);
    }

    /**
     * Encodes and writes a PNG; call off the FX thread. Written to a temporary file first and moved
     * into place, so a failed write never leaves half a picture under the chosen name.
     */
    public static Path writePng(BufferedImage image, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".pgpulse-export", ".png");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
