//! The examples at the end of each command's `--help`.

/// After `openai-admin --help`.
pub const OPENAI_ADMIN: &str = "\
Examples:
  openai-admin certificates list --all
  openai-admin certificates deactivate cert_abc cert_def
  openai-admin -v certificates list          # log every attempt on stderr
  openai-admin completions bash > ~/.local/share/bash-completion/completions/openai-admin";

/// After `openai-admin certificates --help`.
pub const CERTIFICATES: &str = "\
Examples:
  openai-admin certificates list --project proj_abc
  openai-admin certificates get cert_abc --content
  openai-admin certificates deactivate --project proj_abc cert_abc";

/// After `openai-admin completions --help`.
pub const COMPLETIONS: &str = "\
Examples:
  openai-admin completions bash > ~/.local/share/bash-completion/completions/openai-admin
  openai-admin completions zsh > \"${fpath[1]}/_openai-admin\"
  openai-admin completions fish > ~/.config/fish/completions/openai-admin.fish
  openai-admin completions powershell >> $PROFILE";

/// After `certificates list --help`.
pub const LIST: &str = "\
Examples:
  openai-admin certificates list
  openai-admin certificates list --limit 5 --after cert_abc --order asc
  openai-admin certificates list --all --json
  openai-admin certificates list --project proj_abc

A page that has more after it prints `more: --after <ID>` on stderr.";

/// After `certificates get --help`.
pub const GET: &str = "\
Examples:
  openai-admin certificates get cert_abc
  openai-admin certificates get cert_abc --content
  openai-admin certificates get cert_abc --json";

/// After `certificates upload --help`.
pub const UPLOAD: &str = "\
Examples:
  openai-admin certificates upload edge.pem --name edge-gateway
  openai-admin certificates upload edge.pem --json

Uploads are not retried after an unclear outcome (a timeout, a 5xx): list before
uploading again, or you may get a duplicate.";

/// After `certificates rename --help`.
pub const RENAME: &str = "\
Examples:
  openai-admin certificates rename cert_abc edge-gateway-2025";

/// After `certificates delete --help`.
pub const DELETE: &str = "\
Examples:
  openai-admin certificates deactivate cert_abc
  openai-admin certificates delete cert_abc";

/// After `certificates activate --help`.
pub const ACTIVATE: &str = "\
Examples:
  openai-admin certificates activate cert_abc cert_def
  openai-admin certificates activate --project proj_abc cert_abc
  openai-admin --max-retries 5 --deadline 30 certificates activate cert_abc";

/// After `certificates deactivate --help`.
pub const DEACTIVATE: &str = "\
Examples:
  openai-admin certificates deactivate cert_abc cert_def
  openai-admin certificates deactivate --project proj_abc cert_abc
  openai-admin certificates deactivate $(cat leaked-ids.txt)   # more than 10: batches

With more than 10 ids, each batch of 10 is atomic but the batches are not: a batch that
fails is reported with its ids (unchanged after a 4xx, unknown after a timeout or 5xx),
and the command exits 1.";
