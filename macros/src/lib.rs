//! Derive macro for service error enums; see issue 4.
