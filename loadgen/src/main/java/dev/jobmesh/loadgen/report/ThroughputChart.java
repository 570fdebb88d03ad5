package dev.jobmesh.loadgen.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's chart: one panel per workload, a bar per model with its jobs/s, each panel on its own scale (a noop
 * job and a cpu job differ a hundredfold) and the cell's bound as a dashed line when it fits the panel.
 * Rendered by JFreeChart, headless, to PNG.
 */
public final class ThroughputChart {

    private static final Color BAR = new Color(0x3B6EA8);

    private ThroughputChart() {
    }

    /** Writes the chart of {@code cells} to {@code file}. */
    public static void writePng(List<CellResult> cells, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Set<String> workloads = new LinkedHashSet<>();
        cells.forEach(cell -> workloads.add(cell.workload()));
        CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(new CategoryAxis("model"));
        combined.setGap(14);
        for (String workload : workloads) {
            combined.add(panel(workload, cells.stream().filter(c -> c.workload().equals(workload)).toList()), 1);
        }
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 260 * workloads.size() + 60);
    }

    private static CategoryPlot panel(String workload, List<CellResult> cells) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double highest = 0;
        for (CellResult cell : cells) {
            data.addValue(cell.jobsPerSecond(), "jobs/s", cell.model());
            highest = Math.max(highest, cell.jobsPerSecond());
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BAR);
        bars.setMaximumBarWidth(0.12);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                CellResult cell = cells.get(column);
                return String.format(Locale.ROOT, "%,.0f (%.0f %% of bound)", cell.jobsPerSecond(),
                        cell.fractionOfBound() * 100);
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        NumberAxis axis = new NumberAxis(workload + " jobs/s");
        axis.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(Locale.ROOT));
        CategoryPlot plot = new CategoryPlot(data, null, axis, bars);
        plot.setBackgroundPaint(new Color(0xF4F6F8));
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        double bound = cells.stream().mapToDouble(c -> c.bound().jobsPerSecond()).max().orElse(0);
        String boundText = String.format(Locale.ROOT, "bound %,.0f jobs/s", bound);
        if (bound > 0 && bound <= highest * 2) {
            ValueMarker marker = new ValueMarker(bound, new Color(0xC0392B), new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            marker.setLabel(boundText);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
            axis.setUpperBound(Math.max(bound, highest) * 1.15);
        } else {
            axis.setUpperBound(Math.max(1, highest) * 1.2);
            axis.setLabel(workload + " jobs/s (" + boundText + ")");
        }
        return plot;
    }
}
