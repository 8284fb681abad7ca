//! `--color never|always|auto` and `NO_COLOR`. Colour goes only to the text format.

use crate::common::*;

const ESC: char = '\u{1b}';

fn tree() -> Tree {
    let t = Tree::new();
    t.file("lib.rs", LOOKUP);
    t
}

#[test]
fn always_colours_and_never_does_not() {
    let t = tree();
    let always = t.run(&["--color", "always"]);
    always.assert_code(1);
    assert!(always.stdout.contains(&format!("{ESC}[")), "{}", always.stdout);
    let never = t.run(&["--color", "never"]);
    assert!(!never.stdout.contains(ESC));
    // The same text once the escapes are removed.
    assert_eq!(redact_timing(&strip_ansi(&always.stdout)), redact_timing(&never.stdout));
}

#[test]
fn auto_does_not_colour_a_pipe_or_a_file() {
    let t = tree();
    let auto = t.run(&["--color", "auto"]);
    assert!(!auto.stdout.contains(ESC));
    let r = t.run(&["-o", "out.txt"]);
    r.assert_code(1);
    let written = std::fs::read_to_string(t.path("out.txt")).expect("the output file");
    assert!(!written.contains(ESC) && written.contains("warning[ML005]"), "{written}");
}

#[test]
fn no_color_wins_over_auto_but_not_over_always() {
    let t = tree();
    let auto = t.run_in("", &["--color", "auto"], &[("NO_COLOR", "1")]);
    assert!(!auto.stdout.contains(ESC));
    let always = t.run_in("", &["--color", "always"], &[("NO_COLOR", "1")]);
    assert!(always.stdout.contains(ESC));
}

#[test]
fn concise_and_json_are_never_coloured() {
    let t = tree();
    for format in ["concise", "json"] {
        let r = t.run(&["--format", format, "--color", "always"]);
        r.assert_code(1);
        assert!(!r.stdout.contains(ESC), "--format {format}");
    }
    assert!(t.run(&["--format", "json", "--color", "always"]).json().is_object());
}

/// On a terminal, `auto` colours unless `NO_COLOR` is set. `script` gives maplint a
/// pseudo-terminal; where it is missing the check is left out.
#[cfg(target_os = "linux")]
#[test]
fn auto_on_a_terminal_honours_no_color() {
    let t = tree();
    let bin = env!("CARGO_BIN_EXE_maplint");
    let on_tty = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-q", "-e", "-c", &format!("'{bin}' --color auto lib.rs"), "/dev/null"]).current_dir(t.root());
        cmd.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        run_limited(cmd)
    };
    let probe = std::process::Command::new("script")
        .args(["-q", "-e", "-c", "true", "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("`script` cannot open a terminal here: terminal colour not checked");
        return;
    }
    let coloured = on_tty(None);
    coloured.assert_code(1);
    assert!(coloured.stdout.contains(&format!("{ESC}[")), "{:?}", coloured.stdout);
    let plain = on_tty(Some("1"));
    plain.assert_code(1);
    assert!(!plain.stdout.contains(ESC), "{:?}", plain.stdout);
    assert!(plain.stdout.contains("warning[ML005]"));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
