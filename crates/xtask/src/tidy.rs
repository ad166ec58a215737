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
}
