//! `certificates activate` and `certificates deactivate`, for the organization or,
//! with `--project`, for one project.

use openai_admin::resources::{CertificateScope, Certificates};
use openai_admin::{Client, MAX_CERTIFICATE_IDS};

use crate::args::ToggleArgs;
use crate::commands::bulk;
use crate::exit::{self, Status};
use crate::output::{self, Format};
use crate::progress::ProgressTo;

/// Which way a toggle command turns its certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// `certificates activate`.
    Activate,
    /// `certificates deactivate`.
    Deactivate,
}

impl Toggle {
    /// What happened to a certificate this toggle switched: `activated` or
    /// `deactivated`.
    pub fn done(self) -> &'static str {
        match self {
            Self::Activate => "activated",
            Self::Deactivate => "deactivated",
        }
    }
}

/// Switches `args.ids` and prints the answer.
///
/// 1 to 10 ids go in one atomic call. More go in batches of 10, counted on a
/// progress line on `progress`; see [`bulk::run`]. The ids are
/// not checked here: the client checks them (none empty) and fails with a validation
/// error before sending, which exits 2 like a usage error.
pub async fn run(
    client: &Client,
    toggle: Toggle,
    args: ToggleArgs,
    progress: ProgressTo,
) -> Status {
    let format = Format::of(args.json);
    match &args.project {
        Some(project) => {
            let certificates = client.organization().project(project).certificates();
            in_scope(&certificates, toggle, args.ids, format, progress).await
        }
        None => {
            in_scope(
                &client.organization().certificates(),
                toggle,
                args.ids,
                format,
                progress,
            )
            .await
        }
    }
}

async fn in_scope<S: CertificateScope>(
    certificates: &Certificates<S>,
    toggle: Toggle,
    ids: Vec<String>,
    format: Format,
    progress: ProgressTo,
) -> Status {
    if ids.len() > MAX_CERTIFICATE_IDS {
        return bulk::run(certificates, toggle, ids, format, progress).await;
    }

    let call = match toggle {
        Toggle::Activate => certificates.activate(ids),
        Toggle::Deactivate => certificates.deactivate(ids),
    };
    match call.await {
        Ok(response) => output::page(format, &response),
        Err(error) => exit::error(&error),
    }
}
