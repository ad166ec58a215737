//! `ers-wasm-bindgen INPUT.wasm OUT_DIR NAME`: what `wasm-bindgen INPUT.wasm --out-dir OUT_DIR
//! --out-name NAME --target web` does (the ES module glue `NAME.js`, `NAME_bg.wasm` and their
//! `.d.ts`), through wasm-bindgen-cli-support at the version the workspace pins, the same as the
//! `wasm-bindgen` crate's, which the glue must match. Every other setting is the command's
//! default, so the output is byte for byte the command's.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, name] = args.as_slice() else {
        bail!("usage: ers-wasm-bindgen INPUT.wasm OUT_DIR NAME");
    };
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    // `reference_types` is deprecated (the module's features decide); the command still sets
    // it, to false, which also ignores WASM_BINDGEN_EXTERNREF in the environment: so do we.
    #[allow(deprecated)]
    bindgen
        .web(true)?
        .input_path(PathBuf::from(input))
        .out_name(name)
        // The command's defaults where the library's differ: a `.d.ts`, and the default URL of
        // the `.wasm` (`new URL('NAME_bg.wasm', import.meta.url)`) in the glue's init.
        .typescript(true)
        .omit_default_module_path(false)
        .reference_types(false);
    bindgen
        .generate(out_dir)
        .with_context(|| format!("wasm-bindgen {input} into {out_dir}"))
}
