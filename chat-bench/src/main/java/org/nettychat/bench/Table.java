package org.nettychat.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned columns, for the summary a run prints at the end. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length && i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                String cell = i < row.length ? row[i] : "";
                line.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - cell.length())).append(cell);
            }
            out.println(line);
            if (r == 0) {
                out.println("-".repeat(line.length()));
            }
        }
    }
}
