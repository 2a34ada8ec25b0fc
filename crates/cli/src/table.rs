//! A plain text table: a header row and data rows in left-aligned columns.

/// Rows of cells under a header, rendered with columns two spaces apart.
///
/// Widths count `char`s, which is exact for the ids, booleans and timestamps this
/// command prints. Limitation: a name with wide (East Asian) or combining characters
/// is measured by `char` count, not by terminal cells, so its row can be misaligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles and no rows.
    pub fn new<const N: usize>(header: [&str; N]) -> Self {
        Self {
            header: header.map(str::to_owned).into(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.header.len(), "one cell per column");
        self.rows.push(cells);
    }

    /// The table as text: one line per row, each ending in `\n`, with no trailing
    /// spaces (the last column is not padded).
    pub fn render(&self) -> String {
        let widths = self.widths();
        let mut text = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            render_row(&mut text, row, &widths);
        }
        text
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|title| width(title)).collect();
        for row in &self.rows {
            for (column, cell) in row.iter().enumerate() {
                widths[column] = widths[column].max(width(cell));
            }
        }
        widths
    }
}

const GAP: &str = "  ";

fn render_row(text: &mut String, row: &[String], widths: &[usize]) {
    let last = row.len().saturating_sub(1);
    for (column, cell) in row.iter().enumerate() {
        text.push_str(cell);
        if column < last {
            text.extend(std::iter::repeat_n(' ', widths[column] - width(cell)));
            text.push_str(GAP);
        }
    }
    text.push('\n');
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns_to_the_widest_cell() {
        let mut table = Table::new(["ID", "NAME", "ACTIVE"]);
        table.row(vec![
            "cert_a".into(),
            "a much longer name".into(),
            "true".into(),
        ]);
        table.row(vec!["c".into(), "-".into(), "false".into()]);

        assert_eq!(
            table.render(),
            "ID      NAME                ACTIVE\n\
             cert_a  a much longer name  true\n\
             c       -                   false\n"
        );
    }

    #[test]
    fn last_column_is_not_padded() {
        let mut table = Table::new(["A", "LONG TITLE"]);
        table.row(vec!["x".into(), "y".into()]);
        assert_eq!(table.render(), "A  LONG TITLE\nx  y\n");
    }

    #[test]
    fn empty_table_is_its_header() {
        assert_eq!(Table::new(["ID", "NAME"]).render(), "ID  NAME\n");
    }

    #[test]
    fn widths_count_characters_not_bytes() {
        let mut table = Table::new(["N", "X"]);
        table.row(vec!["été".into(), "1".into()]);
        assert_eq!(table.render(), "N    X\nété  1\n");
    }
}
