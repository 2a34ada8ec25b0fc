//! A progress line on stderr, for the commands that make many requests: `list --all`
//! (`pages 4, certificates 380`) and bulk toggles (`batches 2/3`).
//!
//! The line is drawn only when stderr is a terminal and no `-v` logs are written to
//! it, so scripts, pipes and log readers never see it. It is redrawn in place with a
//! carriage return, padded with spaces where the new text is shorter, and blanked out
//! when the work is done, before anything else is printed: what stays on the screen
//! is exactly what the command prints without it.

use std::io::{self, IsTerminal, Write};

/// Where progress goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressTo {
    /// To stderr, which is a terminal.
    Stderr,
    /// Nowhere.
    Nowhere,
}

impl ProgressTo {
    /// [`ProgressTo::Stderr`] when stderr is a terminal and `verbosity` is 0 (logs
    /// would tear the line apart), else [`ProgressTo::Nowhere`].
    pub fn choose(verbosity: u8) -> Self {
        if verbosity == 0 && io::stderr().is_terminal() {
            Self::Stderr
        } else {
            Self::Nowhere
        }
    }

    /// A progress line with nothing drawn yet.
    pub fn start(self) -> Progress<io::Stderr> {
        Progress {
            out: match self {
                Self::Stderr => Some(io::stderr()),
                Self::Nowhere => None,
            },
            drawn: 0,
            last: String::new(),
        }
    }
}

/// One line of progress, redrawn in place; blanked when cleared or dropped.
///
/// Write errors are ignored: progress is a courtesy, and the command's own output
/// reports a stderr that cannot be written to.
#[derive(Debug)]
pub struct Progress<W: Write> {
    out: Option<W>,
    /// How many characters are on the line now.
    drawn: usize,
    /// The text on the line now, so that an unchanged line is not redrawn.
    last: String,
}

impl<W: Write> Progress<W> {
    /// Progress drawn to `out`, whatever it is.
    #[cfg(test)]
    fn to(out: W) -> Self {
        Self {
            out: Some(out),
            drawn: 0,
            last: String::new(),
        }
    }

    /// Draws `line` over the one before it.
    pub fn show(&mut self, line: &str) {
        let Some(out) = &mut self.out else { return };
        if line == self.last && self.drawn > 0 {
            return;
        }
        let width = line.chars().count();
        let padding = self.drawn.saturating_sub(width);
        let _ = write!(out, "\r{line}{:padding$}", "");
        let _ = out.flush();
        self.drawn = width + padding;
        line.clone_into(&mut self.last);
    }

    /// Blanks the line and leaves the cursor at its start, so that what is printed
    /// next starts where the progress was.
    pub fn clear(&mut self) {
        let Some(out) = &mut self.out else { return };
        if self.drawn == 0 {
            return;
        }
        let _ = write!(out, "\r{:width$}\r", "", width = self.drawn);
        let _ = out.flush();
        self.drawn = 0;
        self.last.clear();
    }
}

impl<W: Write> Drop for Progress<W> {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `batches 2/3`: how many batches of a bulk toggle have been answered, of how many.
pub fn batches_line(answered: usize, total: usize) -> String {
    format!("batches {answered}/{total}")
}

/// `pages 4, certificates 380`: what `list --all` has fetched so far.
pub fn pages_line(pages: u32, certificates: usize) -> String {
    format!("pages {pages}, certificates {certificates}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(steps: impl FnOnce(&mut Progress<&mut Vec<u8>>)) -> String {
        let mut out = Vec::new();
        let mut progress = Progress::to(&mut out);
        steps(&mut progress);
        drop(progress);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_are_redrawn_in_place_and_cleared() {
        let out = drawn(|progress| {
            progress.show(&batches_line(0, 3));
            progress.show(&batches_line(1, 3));
            progress.show(&batches_line(3, 3));
            progress.clear();
        });

        assert_eq!(
            out,
            "\rbatches 0/3\rbatches 1/3\rbatches 3/3\r           \r"
        );
    }

    #[test]
    fn a_shorter_line_is_padded_over_the_longer_one() {
        let out = drawn(|progress| {
            progress.show(&pages_line(10, 1000));
            progress.show("pages 9");
            progress.show("p");
            progress.clear();
        });

        assert_eq!(
            out,
            "\rpages 10, certificates 1000\rpages 9                    \
             \rp                          \r                           \r"
        );
    }

    #[test]
    fn an_unchanged_line_is_not_redrawn() {
        let out = drawn(|progress| {
            progress.show(&pages_line(0, 0));
            progress.show(&pages_line(0, 0));
            progress.show(&pages_line(1, 20));
            progress.show(&pages_line(1, 20));
        });

        assert_eq!(
            out,
            "\rpages 0, certificates 0\rpages 1, certificates 20\r                        \r"
        );
    }

    #[test]
    fn nothing_drawn_means_nothing_to_clear() {
        assert_eq!(drawn(|progress| progress.clear()), "");
        assert_eq!(drawn(|_| {}), "");
        assert_eq!(
            drawn(|progress| {
                progress.show("batches 0/2");
                progress.clear();
                progress.clear();
            }),
            "\rbatches 0/2\r           \r"
        );
    }

    #[test]
    fn nowhere_draws_nothing() {
        let mut progress = ProgressTo::Nowhere.start();
        progress.show(&batches_line(1, 2));
        progress.clear();
        assert!(progress.out.is_none());
        assert_eq!(progress.drawn, 0);
    }

    #[test]
    fn lines_read_as_counts() {
        assert_eq!(batches_line(2, 3), "batches 2/3");
        assert_eq!(pages_line(4, 380), "pages 4, certificates 380");
    }
}
