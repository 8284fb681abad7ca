//! Configuration files (SPEC §4): finding one (`maplint.toml`, `.maplint.toml`, or a
//! `[workspace.metadata.maplint]` / `[package.metadata.maplint]` table in `Cargo.toml`,
//! from the first path's directory upwards), validating every key, and merging it with
//! the command line into the engine's `Settings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lint_core::engine::resolve_rule;
use lint_core::settings::RuleOptions;
use lint_core::walk::{absolute, display};
use lint_core::{Level, Rule, Settings};
use toml::{Table, Value};

use crate::args::Args;
use crate::select::{self, Layer};

/// A validated configuration file.
#[derive(Debug, Default)]
pub struct FileConfig {
    /// The file, absolute; its directory is the base of `exclude` globs.
    pub path: PathBuf,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub include_tests: Option<bool>,
    pub exclude: Vec<String>,
    pub map_types: Vec<String>,
    /// Level overrides by rule code.
    pub severity: BTreeMap<String, Level>,
    pub rules: RuleOptions,
}

/// Options each rule accepts in `[rules.MLxxx]`.
const RULE_OPTIONS: &[(&str, &[&str])] =
    &[("ML001", &["plain-fields", "removal-methods"]), ("ML006", &["ignore-types"]), ("ML008", &["min-bytes"])];

const TOP_KEYS: &[&str] =
    &["select", "ignore", "extend-select", "include-tests", "exclude", "map-types", "severity", "rules"];

/// The configuration in force: none with `--no-config`, the named file with `--config`,
/// else the first one found from `start`'s directory upwards.
pub fn load(args: &Args, start: &Path, cwd: &Path, rules: &[&'static dyn Rule]) -> Result<Option<FileConfig>, String> {
    if args.no_config {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        let abs = absolute(cwd, path);
        let text = read(&abs, cwd)?;
        let is_manifest = abs.file_name().is_some_and(|n| n == "Cargo.toml");
        let table = parse_toml(&text, &abs, cwd)?;
        let (table, prefix) = if is_manifest {
            match metadata_table(&table, &abs, cwd)? {
                Some(found) => found,
                None => {
                    return Err(format!(
                        "{}: no [workspace.metadata.maplint] or [package.metadata.maplint] table",
                        display(cwd, &abs)
                    ))
                }
            }
        } else {
            (table, "")
        };
        return from_table(table, prefix, abs, cwd, rules).map(Some);
    }
    let abs = absolute(cwd, start);
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    while let Some(d) = dir {
        if let Some(config) = in_directory(d, cwd, rules)? {
            return Ok(Some(config));
        }
        dir = d.parent();
    }
    Ok(None)
}

/// The configuration a directory holds, in the order of SPEC §4.
fn in_directory(dir: &Path, cwd: &Path, rules: &[&'static dyn Rule]) -> Result<Option<FileConfig>, String> {
    for name in ["maplint.toml", ".maplint.toml"] {
        let path = dir.join(name);
        if path.is_file() {
            let table = parse_toml(&read(&path, cwd)?, &path, cwd)?;
            return from_table(table, "", path, cwd, rules).map(Some);
        }
    }
    let manifest = dir.join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&manifest) else {
        return Ok(None);
    };
    let table = match text.parse::<Table>() {
        Ok(t) => t,
        // A broken manifest is cargo's business unless it is where our settings live.
        Err(_) if !text.contains("maplint") => return Ok(None),
        Err(e) => return Err(format!("{}: invalid TOML: {}", display(cwd, &manifest), one_line(&e.to_string()))),
    };
    match metadata_table(&table, &manifest, cwd)? {
        Some((t, prefix)) => from_table(t, prefix, manifest, cwd, rules).map(Some),
        None => Ok(None),
    }
}

/// `[workspace.metadata.maplint]`, else `[package.metadata.maplint]`, with the key prefix
/// used in messages.
fn metadata_table(manifest: &Table, path: &Path, cwd: &Path) -> Result<Option<(Table, &'static str)>, String> {
    let get = |section: &str| manifest.get(section)?.as_table()?.get("metadata")?.as_table()?.get("maplint");
    for (section, prefix) in [("workspace", "workspace.metadata.maplint."), ("package", "package.metadata.maplint.")] {
        match get(section) {
            Some(Value::Table(t)) => return Ok(Some((t.clone(), prefix))),
            Some(other) => {
                return Err(format!(
                    "{}: `{}` must be a table, found {}",
                    display(cwd, path),
                    prefix.trim_end_matches('.'),
                    describe(other)
                ))
            }
            None => {}
        }
    }
    Ok(None)
}

fn read(path: &Path, cwd: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        format!("{}: cannot read the configuration: {}", display(cwd, path), lint_core::source::io_reason(&e))
    })
}

fn parse_toml(text: &str, path: &Path, cwd: &Path) -> Result<Table, String> {
    text.parse::<Table>().map_err(|e| format!("{}: invalid TOML: {}", display(cwd, path), one_line(&e.to_string())))
}

/// toml's messages span several lines around a source excerpt; keep the words on one line.
fn one_line(message: &str) -> String {
    let words: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty() && !l.contains('|')).collect();
    words.join(": ")
}

/// Validates a configuration table, key by key.
fn from_table(
    table: Table,
    prefix: &str,
    path: PathBuf,
    cwd: &Path,
    rules: &[&'static dyn Rule],
) -> Result<FileConfig, String> {
    let v = Validator { file: display(cwd, &path), prefix, rules };
    let mut c = FileConfig { path, ..FileConfig::default() };
    for (key, value) in &table {
        match key.as_str() {
            "select" => c.select = Some(v.rule_words(key, value)?),
            "extend-select" => c.extend_select = v.rule_words(key, value)?,
            "ignore" => c.ignore = v.rule_words(key, value)?,
            "include-tests" => c.include_tests = Some(v.boolean(key, value)?),
            "exclude" => c.exclude = v.strings(key, value)?,
            "map-types" => c.map_types = v.strings(key, value)?,
            "severity" => c.severity = v.severity(value)?,
            "rules" => v.rule_options(value, &mut c.rules)?,
            _ => return Err(v.unknown(key, &format!("known keys: {}", TOP_KEYS.join(", ")))),
        }
    }
    Ok(c)
}

struct Validator<'a> {
    /// The file as shown in messages.
    file: String,
    /// `package.metadata.maplint.` in a manifest, else empty.
    prefix: &'a str,
    rules: &'a [&'static dyn Rule],
}

impl Validator<'_> {
    fn err(&self, what: String) -> String {
        format!("{}: {what}", self.file)
    }

    fn unknown(&self, key: &str, hint: &str) -> String {
        self.err(format!("unknown key `{}{key}` ({hint})", self.prefix))
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Value) -> String {
        self.err(format!("`{}{key}` must be {expected}, found {}", self.prefix, describe(found)))
    }

    fn boolean(&self, key: &str, value: &Value) -> Result<bool, String> {
        value.as_bool().ok_or_else(|| self.wrong_type(key, "a boolean (true or false)", value))
    }

    fn strings(&self, key: &str, value: &Value) -> Result<Vec<String>, String> {
        let expected = "a list of strings";
        let Value::Array(items) = value else {
            return Err(self.wrong_type(key, expected, value));
        };
        items.iter().map(|i| i.as_str().map(String::from).ok_or_else(|| self.wrong_type(key, expected, i))).collect()
    }

    /// A list of rule codes, names or groups, each checked.
    fn rule_words(&self, key: &str, value: &Value) -> Result<Vec<String>, String> {
        let words = self.strings(key, value)?;
        for w in &words {
            if select::expand(w, self.rules).is_err() {
                return Err(self.err(format!("unknown rule or group `{w}` in `{}{key}`", self.prefix)));
            }
        }
        Ok(words)
    }

    fn code(&self, word: &str, key: &str) -> Result<&'static str, String> {
        resolve_rule(self.rules, word)
            .ok_or_else(|| self.err(format!("unknown rule `{word}` in `{}{key}` (see --list-rules)", self.prefix)))
    }

    fn severity(&self, value: &Value) -> Result<BTreeMap<String, Level>, String> {
        let Value::Table(t) = value else {
            return Err(self.wrong_type("severity", "a table of rule = \"error\" | \"warning\" | \"note\"", value));
        };
        let mut out = BTreeMap::new();
        for (word, level) in t {
            let code = self.code(word, "severity")?;
            let key = format!("severity.{word}");
            let level = level
                .as_str()
                .and_then(Level::parse)
                .ok_or_else(|| self.wrong_type(&key, "one of \"error\", \"warning\", \"note\"", level))?;
            out.insert(code.to_string(), level);
        }
        Ok(out)
    }

    fn rule_options(&self, value: &Value, opts: &mut RuleOptions) -> Result<(), String> {
        let Value::Table(t) = value else {
            return Err(self.wrong_type("rules", "a table of [rules.MLxxx] tables", value));
        };
        for (word, options) in t {
            let code = self.code(word, "rules")?;
            let Value::Table(options) = options else {
                return Err(self.wrong_type(&format!("rules.{word}"), "a table", options));
            };
            let known = RULE_OPTIONS.iter().find(|(c, _)| *c == code).map(|(_, o)| *o).unwrap_or(&[]);
            for (name, v) in options {
                let key = format!("rules.{word}.{name}");
                match (code, name.as_str()) {
                    ("ML001", "plain-fields") => opts.plain_fields = self.boolean(&key, v)?,
                    ("ML001", "removal-methods") => opts.removal_methods = self.strings(&key, v)?,
                    ("ML006", "ignore-types") => opts.ignore_key_types = self.strings(&key, v)?,
                    ("ML008", "min-bytes") => {
                        opts.min_bytes = v
                            .as_integer()
                            .and_then(|n| u64::try_from(n).ok())
                            .ok_or_else(|| self.wrong_type(&key, "a non-negative integer", v))?
                    }
                    _ if known.is_empty() => return Err(self.unknown(&key, &format!("{code} has no options"))),
                    _ => return Err(self.unknown(&key, &format!("options of {code}: {}", known.join(", ")))),
                }
            }
        }
        Ok(())
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the string \"{s}\""),
        Value::Integer(n) => format!("the integer {n}"),
        Value::Float(x) => format!("the number {x}"),
        Value::Boolean(b) => format!("{b}"),
        Value::Datetime(_) => "a date".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Table(_) => "a table".to_string(),
    }
}

/// The engine's settings: the configuration file overridden by the command line (the
/// precedence is documented in the README's "Configuration" section).
pub fn settings(
    args: &Args,
    file: Option<&FileConfig>,
    cwd: &Path,
    rules: &[&'static dyn Rule],
) -> Result<Settings, String> {
    let file_layer = file.map(|c| Layer { select: c.select.as_deref(), extend: &c.extend_select, ignore: &c.ignore });
    let cli_layer = Layer { select: args.select.as_deref(), extend: &args.extend_select, ignore: &args.ignore };
    let selected = select::selection(file_layer, cli_layer, rules)?;
    if selected.is_empty() {
        return Err("no rule is selected: --select, --ignore and the configuration leave nothing to run \
                    (see --list-rules)"
            .to_string());
    }

    let mut exclude = Vec::new();
    let mut map_types = Vec::new();
    let mut include_tests = args.include_tests;
    let mut severity = BTreeMap::new();
    let mut rule_options = RuleOptions::default();
    if let Some(c) = file {
        let base = c.path.parent().map(Path::to_path_buf).unwrap_or_else(|| cwd.to_path_buf());
        exclude.extend(c.exclude.iter().map(|g| (base.clone(), g.clone())));
        map_types.extend(c.map_types.iter().cloned());
        include_tests |= c.include_tests.unwrap_or(false);
        severity = c.severity.clone();
        rule_options = c.rules.clone();
    }
    exclude.extend(args.exclude.iter().map(|g| (cwd.to_path_buf(), g.clone())));
    let project = file.and_then(|c| c.path.parent()).unwrap_or(cwd);
    let cache_dir = match &args.cache_dir {
        _ if args.no_cache => None,
        Some(dir) => Some(absolute(cwd, dir)),
        None => Some(project.join(".maplint_cache")),
    };
    Ok(Settings {
        selected,
        include_tests,
        map_types,
        rules: rule_options,
        severity,
        exclude,
        no_ignore: args.no_ignore,
        jobs: args.jobs.unwrap_or(0),
        no_prefilter: args.no_prefilter,
        prefilter_min_files: lint_core::settings::PREFILTER_MIN_FILES,
        cache_dir,
    })
}
