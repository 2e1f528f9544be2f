package io.pgpulse.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pgpulse.app.theme.AppTheme;

class ChartImagesTest {

    @Test
    void anExportedChartIsAPngOfTheRequestedSizeInTheThemesColours(@TempDir Path dir) throws Exception {
        RollingDataset data = new RollingDataset(new SeriesKey("active", Tone.ACTIVE));
        for (int i = 0; i < 60; i++) {
            data.append(1_700_000_000_000L + i * 1000L, i % 7);
        }
        JFreeChart chart = Charts.lines(data, "sessions", Duration.ofMinutes(5));
        ChartStyler.apply(chart, AppTheme.LIGHT);
        Path target = dir.resolve("chart.png");

        ChartImages.writePng(ChartImages.render(chart, 400, 200), target);

        BufferedImage read = ImageIO.read(target.toFile());
        assertThat(read.getWidth()).isEqualTo(400);
        assertThat(read.getHeight()).isEqualTo(200);
        assertThat(read.getRGB(2, 2) & 0xffffff).isEqualTo(AppTheme.LIGHT.background.getRGB() & 0xffffff);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
