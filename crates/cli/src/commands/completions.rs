//! `completions <SHELL>`: the shell's completion script, from clap's own description
//! of the command line, so it always matches the commands and flags.

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::exit::Status;
use crate::output;

/// clap_complete 4.6's bash script spells the states of a hyphenated binary name two
/// ways: its dispatch loop builds `openai__admin__subcmd__certificates`, its case arms
/// expect `openai__subcmd__admin__subcmd__certificates`, so nothing after the first
/// word would complete. Spelling the arms like the loop mends it; if a later
/// clap_complete spells both the same way, the replacement finds nothing to replace.
const BASH_MISSPELLED_STATE: &str = "openai__subcmd__admin";
const BASH_STATE: &str = "openai__admin";

/// Prints the completion script for `args.shell` on stdout.
pub fn run(args: CompletionsArgs) -> Status {
    output::emit(&script(args.shell), &[])
}

/// The script, made in memory first: clap_complete panics when its writer fails, and
/// stdout may be a closed pipe.
fn script(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "openai-admin", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        clap_complete::Shell::Bash => script.replace(BASH_MISSPELLED_STATE, BASH_STATE),
        _ => script,
    }
}

#[cfg(test)]
mod tests {
    use clap_complete::Shell;

    use super::*;

    /// Completes `words` (the last one partly typed) with the bash script, in bash.
    fn bash_complete(words: &[&str]) -> String {
        let path = std::env::temp_dir().join(format!(
            "openai-admin-completion-{}.bash",
            std::process::id()
        ));
        std::fs::write(&path, script(Shell::Bash)).unwrap();
        let words_list = words.join(" ");
        let current = words.last().unwrap();
        let previous = words[words.len() - 2];
        let program = format!(
            "source {}; COMP_WORDS=({words_list}); COMP_CWORD={}; \
             _openai__admin openai-admin {current} {previous}; echo \"${{COMPREPLY[*]}}\"",
            path.display(),
            words.len() - 1,
        );
        let output = std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }

    #[test]
    fn bash_completes_past_the_first_word() {
        assert_eq!(bash_complete(&["openai-admin", "cert"]), "certificates");
        assert_eq!(
            bash_complete(&["openai-admin", "certificates", "de"]),
            "delete deactivate"
        );
        assert!(!script(Shell::Bash).contains(BASH_MISSPELLED_STATE));
    }

    #[test]
    fn every_shell_gets_a_script_naming_the_commands() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = script(shell);
            for word in ["openai-admin", "certificates", "deactivate", "base-url"] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }
}
