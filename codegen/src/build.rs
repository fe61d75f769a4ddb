//! prost-build style builder for a service's `build.rs`. Owner: issue 4.
