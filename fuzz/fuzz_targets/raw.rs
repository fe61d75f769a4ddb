//! Arbitrary bytes, split into catalog files (see `exercise::split`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    errcat_fuzz::exercise::exercise(&errcat_fuzz::exercise::split(data));
});
