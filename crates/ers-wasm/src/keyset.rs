//! `plannedKids` and `keySetFiles`: the kids of key pairs made for every application at once
//! (4.2; FACTS §4), and the index CSV and README of the key set, for the page's **Make all key
//! pairs**. The rules are ers-rules' (`golive::kids`, `golive::keyset`).

use ers_rules::error::codes;
use ers_rules::golive::keyset::{self, KeySetEntry, KeyTarget};
use ers_rules::golive::{ApplicationInput, kids};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::golive::application_out;
use crate::{from_js, js_error, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** The kids of `applications` by `template` (default "{env}-{org}-{mode}-{date}";
 *  placeholders {env} {org} {ods} {mode} {date} {n}) and `date` (YYYY-MM-DD): one per
 *  application, all different, safe as file names; an application's own kid is kept.
 *  Throws ErsError "kid-template" (or "kid-date") saying what is wrong. */
export function plannedKids(applications: PackApplicationInput[], template?: string | null, date?: string): string[];
/** The kids' problems: a kid that is not usable as a kid and a file name, or repeats an earlier
 *  kid. Empty when all are good. */
export function checkKeySetKids(kids: string[]): { index: number; code: string; message: string }[];
/** The applications of a plan (the JSON text the planner or `ers-golive plan --json` writes)
 *  with their ASID's name (`asidName`), for Make all key pairs; `asid`, the number NHS
 *  allocates, is empty (a plan has none). Throws ErsError "invalid" when it is not a plan. */
export function keyTargetsFromPlan(plan: string): (PackApplicationInput & { asid: string; asidName: string })[];
/** One key made: its application (as in plannedKids, with `asid` the 12-digit number NHS
 *  allocated, when known), its place in the plan (`index`, from 0), its ASID's name in the
 *  plan, kid and thumbprint. */
export interface KeySetEntryInput extends PackApplicationInput {
  index: number; asidName?: string | null; thumbprint?: string | null;
}
/** The folder of each entry (e.g. "01-rr8-ur"), the index CSV (UTF-8 with BOM) and the README
 *  of the key set. */
export function keySetFiles(entries: KeySetEntryInput[], options: { bits: number; encrypted: boolean }): { folders: string[]; index: string; readme: string; indexFile: string; readmeFile: string };
"#;

fn applications(value: JsValue) -> Result<Vec<ApplicationInput>, JsValue> {
    from_js(value, "the applications")
}

/// `plannedKids(applications, template, date)`.
///
/// # Errors
/// `kid-template` for a template that cannot be used, `kid-date` for a bad date; `invalid-input` for applications
/// that are not a list of objects.
#[wasm_bindgen(js_name = plannedKids, skip_typescript)]
pub fn planned_kids(
    list: JsValue,
    template: Option<String>,
    date: String,
) -> Result<JsValue, JsValue> {
    let apps = applications(list)?;
    let template = template.filter(|t| !t.trim().is_empty());
    let made = kids::planned_kids(
        &apps,
        template.as_deref().unwrap_or(kids::DEFAULT_TEMPLATE),
        date.trim(),
    )
    .map_err(|p| match p {
        kids::KidTemplateProblem::BadDate(_) => js_error(codes::KID_DATE.code, p),
        _ => js_error(codes::KID_TEMPLATE.code, p),
    })?;
    to_js(&made)
}

#[derive(Serialize)]
struct KidProblemJs {
    index: usize,
    code: &'static str,
    message: String,
}

/// `checkKeySetKids(kids)`.
///
/// # Errors
/// `invalid-input` when `kids` is not a list of strings.
#[wasm_bindgen(js_name = checkKeySetKids, skip_typescript)]
pub fn check_key_set_kids(list: JsValue) -> Result<JsValue, JsValue> {
    let list: Vec<String> = from_js(list, "the kids")?;
    let mut problems: Vec<KidProblemJs> = list
        .iter()
        .enumerate()
        .filter_map(|(index, kid)| {
            // The one kid refused is the empty one (`check_kid`, shared with ers-keys'
            // `validate_kid`): the rules module carries no key code.
            ers_rules::golive::check_kid(kid.trim())
                .err()
                .map(|_| KidProblemJs {
                    index,
                    code: "kid-invalid",
                    message: "the kid \"\" is not usable: it is empty".to_owned(),
                })
        })
        .collect();
    for index in kids::repeated(&list) {
        if problems.iter().all(|p| p.index != index) {
            problems.push(KidProblemJs {
                index,
                code: "kid-duplicate",
                message: format!(
                    "the kid \"{}\" is already another application's; each key has its own kid",
                    list[index].trim()
                ),
            });
        }
    }
    problems.sort_by_key(|p| p.index);
    to_js(&problems)
}

/// `keyTargetsFromPlan(plan)`.
///
/// # Errors
/// The core's `invalid` error when the text is not a plan.
#[wasm_bindgen(js_name = keyTargetsFromPlan, skip_typescript)]
pub fn key_targets_from_plan(plan: String) -> Result<JsValue, JsValue> {
    let targets = keyset::targets_from_plan_json(&plan).map_err(crate::ErsError::from)?;
    // Each application with its ASID's name (as the plan names it) beside it.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct TargetJs<'a> {
        #[serde(flatten)]
        application: ers_rules::golive::Record<'a>,
        asid_name: &'a str,
    }
    let out: Vec<TargetJs<'_>> = targets
        .iter()
        .map(|t| TargetJs {
            application: application_out(&t.application),
            asid_name: &t.asid_name,
        })
        .collect();
    // Through JSON: `flatten` needs a self-describing format.
    crate::plan::to_js_as(&out, "the targets")
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct EntryJs {
    #[serde(flatten)]
    application: ApplicationInput,
    index: usize,
    asid_name: Option<String>,
    thumbprint: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct OptionsJs {
    bits: usize,
    encrypted: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FilesJs {
    folders: Vec<String>,
    index: String,
    readme: String,
    index_file: &'static str,
    readme_file: &'static str,
}

/// `keySetFiles(entries, options)`.
///
/// # Errors
/// `invalid-input` when the entries or options are not as declared.
#[wasm_bindgen(js_name = keySetFiles, skip_typescript)]
pub fn key_set_files(list: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let list: Vec<EntryJs> = crate::from_json(&list, "the key set")?;
    let options: OptionsJs = from_js(options, "the key set options")?;
    let entries: Vec<KeySetEntry> = list
        .into_iter()
        .map(|e| {
            let application = e.application;
            KeySetEntry {
                folder: keyset::folder_name(e.index, &application),
                target: KeyTarget {
                    application,
                    asid_name: e.asid_name.unwrap_or_default(),
                    thumbprint: e.thumbprint.unwrap_or_default(),
                },
            }
        })
        .collect();
    to_js(&FilesJs {
        folders: entries.iter().map(|e| e.folder.clone()).collect(),
        index: keyset::index_csv(&entries),
        readme: keyset::readme(&entries, options.bits, options.encrypted),
        index_file: keyset::INDEX_FILE,
        readme_file: keyset::README_FILE,
    })
}
