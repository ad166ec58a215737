//! The project file: versioned JSON, written in one fixed order and read back field by field.
//!
//! Reading follows Excalidraw's restore (STYLE.md §8): the envelope is checked (`format`,
//! `version`), then the project is rebuilt from its defaults, taking each known field from the
//! file after applying [`RENAMES`] — so a later version reads this one by adding renames, not by
//! branching on version numbers. Unknown fields are ignored; a field of the wrong type is an
//! error that names it. Before anything else the whole file is searched for secrets.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{FORMAT, Project, ProjectApplication, ProjectError, VERSION, is_known_step};
use crate::golive::{Case, Record, fields_in, place};
use crate::plan::{Access, Euo, Platform, Service};

/// Field names read under another name, per object: `(object, old name, name)`. The object is
/// `project`, `euo` or `service` (an application's older names are in the record's table,
/// [`golive::FIELDS`](crate::golive::FIELDS)). camelCase spellings (as JavaScript writes them)
/// and the pack's own JSON names are read too.
pub const RENAMES: &[(&str, &str, &str)] = &[
    ("project", "product_name", "product"),
    ("project", "supplier_name", "supplier"),
    ("project", "contact_name", "contact"),
    ("project", "organisations", "euos"),
    ("project", "access_modes", "access"),
    ("project", "accessModes", "access"),
    ("project", "other_services", "services"),
    ("project", "otherServices", "services"),
    ("project", "ticked", "done"),
    ("project", "appNamePattern", "app_name_pattern"),
    ("project", "asidNamePattern", "asid_name_pattern"),
    ("euo", "odsCode", "ods_code"),
    ("euo", "ods", "ods_code"),
    ("euo", "organisation", "name"),
];

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    source: &'static str,
    product: &'a str,
    supplier: &'a str,
    contact: &'a str,
    euos: Vec<EuoOut<'a>>,
    access: Vec<&'static str>,
    services: Vec<ServiceOut<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    app_name_pattern: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    asid_name_pattern: &'a str,
    applications: Vec<Record<'a>>,
    done: &'a [String],
}

#[derive(Serialize)]
struct EuoOut<'a> {
    name: &'a str,
    ods_code: &'a str,
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    name: &'a str,
    platform: &'static str,
}

/// The project as a version-[`VERSION`] project file: pretty JSON, fields in a fixed order,
/// ending with a newline.
pub fn to_json(project: &Project) -> String {
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        source: concat!("ers-golive ", env!("CARGO_PKG_VERSION")),
        product: &project.product,
        supplier: &project.supplier,
        contact: &project.contact,
        euos: project
            .euos
            .iter()
            .map(|e| EuoOut {
                name: &e.name,
                ods_code: e.ods_code.as_deref().unwrap_or(""),
            })
            .collect(),
        access: project.access.iter().map(|a| a.id()).collect(),
        services: project
            .services
            .iter()
            .map(|s| ServiceOut {
                name: &s.name,
                platform: s.platform.id(),
            })
            .collect(),
        app_name_pattern: &project.app_name_pattern,
        asid_name_pattern: &project.asid_name_pattern,
        applications: project
            .applications
            .iter()
            .map(|a| Record {
                details: a,
                place: place::SAVED,
                case: Case::Snake,
            })
            .collect(),
        done: &project.done,
    };
    // Serialising plain strings and lists cannot fail.
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a project file (a BOM is ignored).
///
/// # Errors
/// A [`ProjectError`]: not JSON, not a project, a newer version, a field of the wrong type or
/// value (named by its path, e.g. `applications[2].kid`), or a secret anywhere in the file.
pub fn from_json(text: &str) -> Result<Project, ProjectError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ProjectError::NotJson {
        reason: e.to_string(),
    })?;
    from_value(value)
}

/// Reads a project from JSON already parsed (as [`from_json`] does after parsing).
///
/// # Errors
/// As [`from_json`], but for not being JSON.
pub fn from_value(value: Value) -> Result<Project, ProjectError> {
    find_secret(&value, &mut String::new())?;
    let Value::Object(root) = value else {
        return Err(ProjectError::NotAProject {
            found: format!("the file holds {}, not an object", kind(&value)),
        });
    };
    match root.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(ProjectError::NotAProject {
                found: format!("its format is \"{}\"", shorten(f)),
            });
        }
        Some(other) => {
            return Err(ProjectError::NotAProject {
                found: format!("its format is {}", kind(other)),
            });
        }
        None if root.contains_key("applications") && root.contains_key("asids") => {
            return Err(ProjectError::NotAProject {
                found: "it is a go-live plan, not a project: plan again in the page (the project is kept as you go), or make the project with the plan command's --project option".to_owned(),
            });
        }
        None => {
            return Err(ProjectError::NotAProject {
                found: "it has no \"format\"".to_owned(),
            });
        }
    }
    let version = match root.get("version") {
        Some(Value::Number(n)) => n
            .as_u64()
            .filter(|&v| v >= 1)
            .ok_or_else(|| invalid("version", "must be a whole number from 1"))?,
        Some(other) => {
            return Err(invalid(
                "version",
                &format!("must be a number, not {}", kind(other)),
            ));
        }
        None => return Err(invalid("version", "is missing")),
    };
    if version > VERSION {
        return Err(ProjectError::TooNew { version });
    }
    restore(root)
}

/// Rebuilds the project from defaults, taking each known field from the file.
fn restore(root: Map<String, Value>) -> Result<Project, ProjectError> {
    let mut root = renamed(root, "project");
    let mut project = Project {
        product: text(&root, "product", || "product".to_owned())?,
        supplier: text(&root, "supplier", || "supplier".to_owned())?,
        contact: text(&root, "contact", || "contact".to_owned())?,
        app_name_pattern: text(&root, "app_name_pattern", || "app_name_pattern".to_owned())?,
        asid_name_pattern: text(&root, "asid_name_pattern", || {
            "asid_name_pattern".to_owned()
        })?,
        ..Project::default()
    };

    for (i, item) in list(&mut root, "euos")?.into_iter().enumerate() {
        project.euos.push(euo(item, &format!("euos[{i}]"))?);
    }
    for (i, item) in list(&mut root, "access")?.into_iter().enumerate() {
        let access = access(&item, &format!("access[{i}]"))?;
        if !project.access.contains(&access) {
            project.access.push(access);
        }
    }
    for (i, item) in list(&mut root, "services")?.into_iter().enumerate() {
        project
            .services
            .push(service(item, &format!("services[{i}]"))?);
    }
    for (i, item) in list(&mut root, "applications")?.into_iter().enumerate() {
        project
            .applications
            .push(application(item, &format!("applications[{i}]"))?);
    }
    for (i, item) in list(&mut root, "done")?.into_iter().enumerate() {
        let step = done_step(&item, &format!("done[{i}]"))?;
        if !project.done.iter().any(|d| d == step) {
            project.done.push(step.to_owned());
        }
    }
    Ok(project)
}

/// An end-user organisation: its name and ODS code.
fn euo(item: Value, path: &str) -> Result<Euo, ProjectError> {
    let obj = renamed(object(item, path)?, "euo");
    let name = text(&obj, "name", || format!("{path}.name"))?;
    let ods = text(&obj, "ods_code", || format!("{path}.ods_code"))?;
    Ok(Euo::new(name, Some(&ods)))
}

/// An access mode, by its id.
fn access(item: &Value, path: &str) -> Result<Access, ProjectError> {
    let Value::String(id) = item else {
        return Err(invalid(path, &format!("must be text, not {}", kind(item))));
    };
    Access::ALL
        .into_iter()
        .find(|a| a.id() == id.trim())
        .ok_or_else(|| {
            invalid(
                path,
                &format!(
                    "unknown access \"{}\": use user-restricted, application-restricted-referrer or application-restricted-provider",
                    shorten(id)
                ),
            )
        })
}

/// A service: its name alone, or its name and platform.
fn service(item: Value, path: &str) -> Result<Service, ProjectError> {
    Ok(match item {
        Value::String(name) => Service::named(&name),
        Value::Object(obj) => {
            let obj = renamed(obj, "service");
            let name = text(&obj, "name", || format!("{path}.name"))?;
            let platform = text(&obj, "platform", || format!("{path}.platform"))?;
            let platform = match platform.trim() {
                "" => Service::named(&name).platform,
                "apim" => Platform::Apim,
                "shareable" => Platform::Shareable,
                "unknown" => Platform::Unknown,
                other => {
                    return Err(invalid(
                        &format!("{path}.platform"),
                        &format!(
                            "unknown platform \"{}\": use apim, shareable or unknown",
                            shorten(other)
                        ),
                    ));
                }
            };
            Service::new(name, platform)
        }
        other => {
            return Err(invalid(
                path,
                &format!("must be an object or text, not {}", kind(&other)),
            ));
        }
    })
}

/// An application as the project keeps it: the record's saved fields, each under its own
/// name, its camelCase name or an older one.
fn application(item: Value, path: &str) -> Result<ProjectApplication, ProjectError> {
    let obj = object(item, path)?;
    let mut app = ProjectApplication::default();
    for s in fields_in(place::SAVED) {
        let key = [s.field.id(), s.camel]
            .into_iter()
            .chain(s.aliases.iter().copied())
            .find(|k| obj.contains_key(*k))
            .unwrap_or(s.field.id());
        *app.get_mut(s.field) = text(&obj, key, || format!("{path}.{}", s.field.id()))?;
    }
    Ok(app)
}

/// A ticked step: a Stage 4 step number or a flow step id.
fn done_step<'a>(item: &'a Value, path: &str) -> Result<&'a str, ProjectError> {
    let Value::String(step) = item else {
        return Err(invalid(path, &format!("must be text, not {}", kind(item))));
    };
    let step = step.trim();
    if !is_known_step(step) {
        return Err(invalid(
            path,
            &format!(
                "unknown step \"{}\": use a Stage 4 step number (4.11 … 4.4) or a flow step (plan, names, keys, test, pack, send)",
                shorten(step)
            ),
        ));
    }
    Ok(step)
}

/// Applies [`RENAMES`] for `object`: an old name is read as the new one unless the new one is
/// there too.
fn renamed(mut obj: Map<String, Value>, object: &str) -> Map<String, Value> {
    for &(scope, old, new) in RENAMES {
        if scope == object && !obj.contains_key(new) {
            if let Some(v) = obj.remove(old) {
                obj.insert(new.to_owned(), v);
            }
        }
    }
    obj
}

fn invalid(field: &str, reason: &str) -> ProjectError {
    ProjectError::Invalid {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// At most 40 characters of a value, for messages.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// A text field; missing or null is empty. `path` names it, for the error only.
fn text(
    obj: &Map<String, Value>,
    key: &str,
    path: impl FnOnce() -> String,
) -> Result<String, ProjectError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.trim().to_owned()),
        Some(other) => Err(invalid(
            &path(),
            &format!("must be text, not {}", kind(other)),
        )),
    }
}

/// A list field; missing or null is empty.
fn list(obj: &mut Map<String, Value>, key: &str) -> Result<Vec<Value>, ProjectError> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(invalid(
            key,
            &format!("must be a list, not {}", kind(&other)),
        )),
    }
}

fn object(v: Value, path: &str) -> Result<Map<String, Value>, ProjectError> {
    match v {
        Value::Object(obj) => Ok(obj),
        other => Err(invalid(
            path,
            &format!("must be an object, not {}", kind(&other)),
        )),
    }
}

/// What a field name says it holds, if it is a secret: letters and digits only, any case.
fn secret_name(key: &str) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match folded.as_str() {
        "privatekey" | "privatekeypem" | "private" | "privatejwk" | "pkcs8" => {
            Some("a private key")
        }
        "passphrase" | "password" | "passwd" | "pass" => Some("a passphrase"),
        "clientsecret" | "secret" | "apisecret" | "appsecret" | "apikeysecret" => {
            Some("a client secret")
        }
        _ => None,
    }
}

/// Searches every key and string of the file for a secret. `path` is the place so far.
fn find_secret(v: &Value, path: &mut String) -> Result<(), ProjectError> {
    match v {
        Value::String(s) if crate::secret::secret_in(s).is_some() => {
            return Err(ProjectError::Secret {
                field: shown(path),
                what: "a private key",
            });
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                find_secret(item, path)?;
                path.truncate(len);
            }
        }
        Value::Object(obj) => {
            // A JWK with private members (RFC 7518 §6.3.2: d, p, q, dp, dq, qi).
            let is_jwk = obj.contains_key("kty");
            for (key, item) in obj {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&shorten(key));
                let filled = !matches!(item, Value::Null)
                    && !matches!(item, Value::String(s) if s.trim().is_empty());
                if filled {
                    if let Some(what) = secret_name(key) {
                        return Err(ProjectError::Secret {
                            field: shown(path),
                            what,
                        });
                    }
                    if is_jwk && matches!(key.as_str(), "d" | "p" | "q" | "dp" | "dq" | "qi") {
                        return Err(ProjectError::Secret {
                            field: shown(path),
                            what: "a private key",
                        });
                    }
                }
                find_secret(item, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the whole file".to_owned()
    } else {
        path.to_owned()
    }
}
