//! Repository-wide checks, run as tests (`cargo test -p xtask`): promises the README makes that
//! the code could silently stop keeping.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use crate::util::{files_under, project_root};

    /// Every `ERS-X000` code written as a string in `text`.
    fn codes_in(text: &str) -> BTreeSet<String> {
        let bytes = text.as_bytes();
        let mut found = BTreeSet::new();
        for (i, _) in text.match_indices("\"ERS-") {
            let code = &bytes[i + 1..];
            let well_formed = code.len() >= 9
                && code[4].is_ascii_uppercase()
                && code[5..8].iter().all(u8::is_ascii_digit)
                && code[8] == b'"';
            if well_formed {
                found.insert(String::from_utf8_lossy(&code[..8]).into_owned());
            }
        }
        found
    }

    #[test]
    fn readme_lists_every_diagnostic_code_and_no_other() {
        let root = project_root();
        let mut in_code = BTreeSet::new();
        for krate in ["ers-rules", "ers-keys"] {
            for file in files_under(&root.join("crates").join(krate).join("src")) {
                if file.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&file).unwrap_or_default();
                    in_code.extend(codes_in(&text));
                }
            }
        }
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
        let in_readme: BTreeSet<String> = readme
            .lines()
            .filter_map(|line| line.strip_prefix("| ERS-"))
            .map(|rest| format!("ERS-{}", &rest[..rest.find(' ').unwrap_or(rest.len())]))
            .collect();
        let missing: Vec<_> = in_code.difference(&in_readme).collect();
        let stale: Vec<_> = in_readme.difference(&in_code).collect();
        assert!(
            in_code.len() > 50,
            "found only {} codes: is the scan broken?",
            in_code.len()
        );
        assert!(
            missing.is_empty(),
            "codes missing from the README's table: {missing:?}"
        );
        assert!(
            stale.is_empty(),
            "codes in the README that the code no longer has: {stale:?}"
        );
    }

    #[test]
    fn codes_are_read_only_when_well_formed() {
        let found = codes_in(r#"a "ERS-N001" b "ERS-X12" c "ERS-J020" "ERS-n001""#);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            ["ERS-J020", "ERS-N001"]
        );
    }

    #[test]
    fn the_site_uses_relative_urls_only() {
        let www = project_root().join("www");
        for file in files_under(&www) {
            if file.starts_with(www.join("pkg")) {
                continue;
            }
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "html" | "js" | "css") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for needle in ["src=\"/", "href=\"/", "url(/", "from '/", "import('/"] {
                assert!(
                    !text.contains(needle),
                    "{} uses an absolute URL ({needle}…): the site must work under any sub-path",
                    file.strip_prefix(Path::new(&www))
                        .unwrap_or(&file)
                        .display()
                );
            }
        }
    }

    /// The rules' messages and help reach the page as they are: none may tell the user to run a
    /// command-line tool (issue 9's trial: "the page's fixes never tell the user to run a CLI
    /// command"). Doc comments, tests and the CLI's own crate may name commands.
    #[test]
    fn messages_shown_in_the_page_name_no_command() {
        let root = project_root();
        for dir in ["crates/ers-rules/src", "crates/ers-keys/src"] {
            for file in files_under(&root.join(dir)) {
                if file.extension().and_then(|e| e.to_str()) != Some("rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                // Stop at the unit tests, which may quote anything.
                let body = text.split("#[cfg(test)]").next().unwrap_or("");
                for (n, line) in body.lines().enumerate() {
                    let code = line.trim_start();
                    if code.starts_with("//") {
                        continue;
                    }
                    for needle in ["`ers-golive ", "(ers-golive ", "run ers-golive"] {
                        assert!(
                            !code.contains(needle),
                            "{}:{}: a message names a command ({needle}…): say what to do, not which tool to run",
                            file.strip_prefix(&root).unwrap_or(&file).display(),
                            n + 1
                        );
                    }
                }
            }
        }
    }

    /// Unsafe code is denied everywhere (the workspace's lints) and allowed in one file only: the
    /// test that watches a global allocator free a key's memory.
    #[test]
    fn unsafe_code_is_allowed_in_the_freed_memory_test_only() {
        let root = project_root();
        let needle = concat!("allow(", "unsafe_code)");
        let mut allowed: Vec<String> = files_under(&root.join("crates"))
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "rs"))
            .filter(|f| {
                std::fs::read_to_string(f)
                    .unwrap_or_default()
                    .contains(needle)
            })
            .map(|f| {
                f.strip_prefix(&root)
                    .unwrap_or(&f)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        allowed.sort();
        assert_eq!(allowed, ["crates/ers-keys/tests/wiped.rs"]);
    }

    /// Every promise of the README's security section names the test that would fail if it
    /// broke, and that test exists: each row of the table between `<!-- promises -->` and
    /// `<!-- /promises -->` names a file (`` `path` ``) and tests in it (`` `name` ``), and each
    /// name is in that file (a Rust `fn name`, or an e2e test's title).
    #[test]
    fn every_security_promise_names_a_test_that_exists() {
        let root = project_root();
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
        let table = readme
            .split("<!-- promises -->")
            .nth(1)
            .and_then(|rest| rest.split("<!-- /promises -->").next())
            .expect("the README's security section has a table of promises");
        let mut rows = 0;
        for line in table
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        {
            let cells: Vec<&str> = line.split(" | ").collect();
            let Some(tests) = cells.last() else { continue };
            let quoted: Vec<&str> = tests.split('`').skip(1).step_by(2).collect();
            if quoted.is_empty() {
                continue; // the header row
            }
            let (path, names) = quoted.split_first().expect("a path and names");
            let text = std::fs::read_to_string(root.join(path))
                .unwrap_or_else(|_| panic!("{path}, named by the README's promises, is missing"));
            assert!(!names.is_empty(), "{line}: no test named");
            for name in names {
                let found = text.contains(&format!("fn {name}("))
                    || text.contains(&format!("'{name}'"))
                    || text.contains(&format!("\"{name}\""));
                assert!(found, "{path} has no test {name} (README: {line})");
            }
            rows += 1;
        }
        assert!(
            rows >= 10,
            "only {rows} promises found: is the table there?"
        );
    }

    /// The longest a function may be, outside tests and flat tables (issue 19).
    const MAX_FUNCTION_LINES: usize = 80;

    /// `line` with its strings emptied and its `//` comment dropped, for counting braces. In Rust
    /// a `'` is a char literal (`'{'`) or a lifetime (`'a`), never a string.
    fn code_of(line: &str, rust: bool) -> String {
        let mut out = String::new();
        let mut quote: Option<char> = None;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(_) if c == '\\' => i += 1,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if rust && c == '\'' => {
                    // 'x' or '\x': skip the literal; a lifetime is left as it is.
                    if chars.get(i + 2) == Some(&'\'') {
                        i += 2;
                    } else if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
                        i += 3;
                    }
                }
                None if c == '"' || c == '`' || c == '\'' => quote = Some(c),
                None if c == '/' && chars.get(i + 1) == Some(&'/') => break,
                None => out.push(c),
            }
            i += 1;
        }
        out
    }

    /// Whether `line` starts a function: a Rust `fn`, or a JavaScript function, method or
    /// arrow function with a block body.
    fn starts_function(line: &str, rust: bool) -> bool {
        let mut t = line.trim();
        let prefixes: &[&str] = if rust {
            &[
                "pub(crate) ",
                "pub(super) ",
                "pub ",
                "const ",
                "async ",
                "unsafe ",
            ]
        } else {
            &["export ", "default ", "async ", "static "]
        };
        while let Some(rest) = prefixes.iter().find_map(|p| t.strip_prefix(p)) {
            t = rest;
        }
        if rust {
            return t.starts_with("fn ");
        }
        if t.starts_with("function") {
            return true;
        }
        if let Some(rest) = t.strip_prefix("const ").or_else(|| t.strip_prefix("let ")) {
            return rest.contains("=>") && rest.ends_with('{');
        }
        let t = t
            .strip_prefix("get ")
            .or_else(|| t.strip_prefix("set "))
            .unwrap_or(t);
        let t = t.strip_prefix('#').unwrap_or(t);
        let name = t
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(0);
        let keyword = [
            "if", "for", "while", "switch", "catch", "return", "function",
        ];
        name > 0
            && !keyword.contains(&&t[..name])
            && t[name..].trim_start().starts_with('(')
            && t.ends_with('{')
            && !t.contains(';')
    }

    /// The functions of `text` longer than [`MAX_FUNCTION_LINES`]: `(line, length)`, 1-based.
    /// Rust files are read up to their `#[cfg(test)]` module.
    fn long_functions(text: &str, rust: bool) -> Vec<(usize, usize)> {
        let lines: Vec<&str> = text.lines().collect();
        let end = if rust {
            lines
                .iter()
                .position(|l| l.trim() == "#[cfg(test)]")
                .unwrap_or(lines.len())
        } else {
            lines.len()
        };
        let mut long = Vec::new();
        for start in (0..end).filter(|&i| starts_function(lines[i], rust)) {
            let mut depth = 0i32;
            let mut opened = false;
            for (j, line) in lines.iter().enumerate().skip(start) {
                let code = code_of(line, rust);
                for c in code.chars() {
                    match c {
                        '{' => (depth, opened) = (depth + 1, true),
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if opened && depth <= 0 {
                    if j - start + 1 > MAX_FUNCTION_LINES {
                        long.push((start + 1, j - start + 1));
                    }
                    break;
                }
                if !opened && code.trim_end().ends_with(';') {
                    break;
                }
            }
        }
        long
    }

    #[test]
    fn long_functions_are_found_and_short_ones_are_not() {
        let body = "    let x = \"}\"; // }\n".repeat(MAX_FUNCTION_LINES);
        let rust = format!("pub(crate) fn long() {{\n{body}}}\nfn short() {{}}\n");
        assert_eq!(long_functions(&rust, true), [(1, MAX_FUNCTION_LINES + 2)]);
        let js = format!("export async function long() {{\n{body}}}\n  #build() {{\n  }}\n");
        assert_eq!(long_functions(&js, false), [(1, MAX_FUNCTION_LINES + 2)]);
        let method = format!("  async #make() {{\n{body}  }}\n");
        assert_eq!(
            long_functions(&method, false),
            [(1, MAX_FUNCTION_LINES + 2)]
        );
        let tests = format!("#[cfg(test)]\nmod tests {{\nfn long() {{\n{body}}}\n}}\n");
        assert!(long_functions(&tests, true).is_empty());
    }

    /// No function over 80 lines in the crates' sources and the site's scripts (tests, the
    /// generated modules and vendored code aside): a long function is split where it does two
    /// things.
    #[test]
    fn no_function_is_over_80_lines() {
        let root = project_root();
        let mut long = Vec::new();
        let mut read = 0;
        let sources = files_under(&root.join("crates"))
            .into_iter()
            .chain(files_under(&root.join("www")));
        for file in sources {
            let rel = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            let rust = rel.ends_with(".rs") && rel.contains("/src/");
            let js = rel.ends_with(".js")
                && !["www/pkg/", "www/vendor/", "www/sw.js"]
                    .iter()
                    .any(|p| rel.starts_with(p));
            if !(rust || js) || rel.contains("/target/") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            read += 1;
            for (line, length) in long_functions(&text, rust) {
                long.push(format!("{rel}:{line}: {length} lines"));
            }
        }
        assert!(read > 100, "read only {read} files: is the scan broken?");
        assert!(
            long.is_empty(),
            "functions over {MAX_FUNCTION_LINES} lines: {long:#?}"
        );
    }
}
