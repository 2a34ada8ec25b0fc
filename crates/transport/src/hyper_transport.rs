//! Placeholder for the hyper implementation; filled in separately.
#![allow(missing_docs)]
pub struct HyperTransport;
pub struct HyperTransportBuilder;
