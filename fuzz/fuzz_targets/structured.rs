//! TOML-shaped catalogs built by `arbitrary` (see `structured`).

#![no_main]

use errcat_fuzz::structured::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|catalog: Catalog| {
    errcat_fuzz::exercise::exercise(&catalog.files());
});
