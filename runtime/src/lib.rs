//! errcat runtime. Owner: issue 3.
