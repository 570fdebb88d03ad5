package dev.jobmesh.loadgen.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jobmesh.loadgen.resources.ResourceUsage;

/** The report's tables - results per cell, and what every process used - as Markdown or aligned text. */
public final class ResultTable {

    private final List<String> header;
    private final List<List<String>> rows;

    private ResultTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** One row per cell: throughput against its bound, latencies in ms, the worker's CPU and memory, errors. */
    public static ResultTable results(List<CellResult> cells) {
        List<String> header = List.of("workload", "model", "jobs", "jobs/s", "bound", "of bound", "e2e p50",
                "e2e p95", "e2e p99", "e2e max", "queue p50", "queue p99", "exec p50", "exec p99", "worker cores",
                "worker MB", "errors");
        List<List<String>> rows = new ArrayList<>();
        for (CellResult cell : cells) {
            ResourceUsage worker = cell.worker();
            rows.add(List.of(cell.workload(), cell.model(), String.format("%,d", cell.submitted()),
                    Figures.rate(cell.jobsPerSecond()), Figures.rate(cell.bound().jobsPerSecond()),
                    Figures.percent(cell.fractionOfBound()), Figures.ms(cell.endToEnd().p50Ms()),
                    Figures.ms(cell.endToEnd().p95Ms()), Figures.ms(cell.endToEnd().p99Ms()),
                    Figures.ms(cell.endToEnd().maxMs()), Figures.ms(cell.queueWait().p50Ms()),
                    Figures.ms(cell.queueWait().p99Ms()), Figures.ms(cell.execution().p50Ms()),
                    Figures.ms(cell.execution().p99Ms()), Figures.cores(worker == null ? null : worker.cores()),
                    Figures.mb(worker == null ? null : worker.peakRssMb()), errors(cell.errors())));
        }
        return new ResultTable(header, rows);
    }

    /** One row per cell, one column per process: average CPU cores / peak RSS in MB while the cell ran. */
    public static ResultTable resources(List<CellResult> cells) {
        Set<String> processes = new LinkedHashSet<>();
        cells.forEach(cell -> processes.addAll(cell.resources().keySet()));
        List<String> header = new ArrayList<>(List.of("workload", "model"));
        processes.forEach(process -> header.add(process + " cores / MB"));
        header.add("all cores");
        List<List<String>> rows = new ArrayList<>();
        for (CellResult cell : cells) {
            List<String> row = new ArrayList<>(List.of(cell.workload(), cell.model()));
            double total = 0;
            for (String process : processes) {
                ResourceUsage usage = cell.resources().get(process);
                row.add(usage == null ? "-" : Figures.cores(usage.cores()) + " / " + Figures.mb(usage.peakRssMb()));
                total += usage == null ? 0 : usage.cores();
            }
            row.add(Figures.cores(total));
            rows.add(row);
        }
        return new ResultTable(header, rows);
    }

    /** One row per cell, one column per process: microseconds of CPU per correct result while the cell ran. */
    public static ResultTable cpuPerJob(List<CellResult> cells) {
        Set<String> processes = new LinkedHashSet<>();
        cells.forEach(cell -> processes.addAll(cell.resources().keySet()));
        List<String> header = new ArrayList<>(List.of("workload", "model"));
        processes.forEach(process -> header.add(process + " us/job"));
        header.add("all us/job");
        List<List<String>> rows = new ArrayList<>();
        for (CellResult cell : cells) {
            Map<String, Double> perJob = cell.cpuMicrosPerJob();
            List<String> row = new ArrayList<>(List.of(cell.workload(), cell.model()));
            double total = 0;
            for (String process : processes) {
                Double micros = perJob.get(process);
                row.add(Figures.micros(micros));
                total += micros == null ? 0 : micros;
            }
            row.add(perJob.isEmpty() ? "-" : Figures.micros(total));
            rows.add(row);
        }
        return new ResultTable(header, rows);
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty() ? "0" : errors.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    public String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        text.append("|").append("---|".repeat(header.size())).append('\n');
        rows.forEach(row -> text.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return text.toString();
    }

    /** Columns padded to line up in a terminal; numbers right-aligned. */
    public String aligned() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendAligned(text, header, widths);
        rows.forEach(row -> appendAligned(text, row, widths));
        return text.toString();
    }

    private static void appendAligned(StringBuilder text, List<String> row, int[] widths) {
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            text.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < row.size() ? "  " : "\n");
        }
    }
}
