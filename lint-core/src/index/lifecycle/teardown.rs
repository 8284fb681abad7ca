//! Teardown and deliberate sizing (ML007): bulk removal that runs only as a map's owner
//! goes away is no capacity kept during its life, and a map field every literal creates
//! with `with_capacity(..)` keeps its table on purpose.
//!
//! A function runs at teardown when its name says it shuts its owner down (`shutdown`,
//! `stop`, `close`, `exit`/`exiting`, `clean`/`cleanup`, `teardown`, `detach`, `dispose`,
//! ... alone, or as the first or last `_`-separated part of the name; event handlers
//! `on_*`/`handle_*` aside) or it is `drop`; or when it is called
//! at least once and every call that may reach it sits in such a function. A call may
//! reach `T::name` when its receiver is `self` in an impl of `T`, a place whose type holds
//! `T`, or a receiver of unknown type (unless `name` is a map method such as `clear`:
//! then only a receiver known to hold `T` counts, as the map's own `clear` is far more
//! common).

use std::collections::{BTreeMap, BTreeSet};

use super::held::Holding;
use super::resolve::{Place, Tables};
use crate::facts::lifecycle::{vocab, Call, Receiver, Site};
use crate::facts::StructDef;
use crate::index::names::ItemId;
use crate::index::PackageIndex;

/// The words of function names that shut an owner down.
const SHUTDOWN_WORDS: &[&str] = &[
    "stop",
    "shutdown",
    "close",
    "clean",
    "cleanup",
    "teardown",
    "terminate",
    "destroy",
    "dispose",
    "exit",
    "exiting",
    "detach",
];

/// Whether a function's name says it shuts its owner down (`drop` included): a shutdown
/// word alone, first or last among its `_`-separated parts. An event handler (`on_*`,
/// `handle_*`: `on_leader_stop`) runs each time its event comes, while the owner lives on.
pub fn is_shutdown_name(name: &str) -> bool {
    let name = name.trim_start_matches("r#");
    if name == "drop" {
        return true;
    }
    if ["on_", "handle_", "is_", "should_"].iter().any(|p| name.starts_with(p)) {
        return false;
    }
    let mut parts = name.split('_');
    let first = parts.next().unwrap_or("");
    let last = parts.next_back().unwrap_or(first);
    SHUTDOWN_WORDS.contains(&first) || SHUTDOWN_WORDS.contains(&last)
}

impl<'a> PackageIndex<'a> {
    /// Whether the function of site `site` (in file `file`) runs only at teardown;
    /// `memo` keeps the answers by (file, function).
    pub(super) fn at_teardown(
        &self,
        t: &Tables<'a>,
        file: usize,
        site: &Site,
        memo: &mut BTreeMap<(usize, u32), bool>,
    ) -> bool {
        let Some(func) = site.func else { return false };
        if let Some(r) = memo.get(&(file, func)) {
            return *r;
        }
        let r = self.decide_teardown(t, file, func, &site.module);
        memo.insert((file, func), r);
        r
    }

    fn decide_teardown(&self, t: &Tables<'a>, file: usize, func: u32, module: &[String]) -> bool {
        let lc = &self.files[file].facts.lifecycle;
        let Some(info) = lc.funcs.get(func as usize) else { return false };
        if is_shutdown_name(&info.name) {
            return true;
        }
        if crate::facts::lifecycle::calls::is_unrecorded(&info.name) {
            return false;
        }
        // The struct the function is a method of (a free function: any receiver).
        let owner: Vec<ItemId> = match &info.ty {
            Some(ty) => self.structs_by_path(self.names.scope(file, module), std::slice::from_ref(ty)),
            None => Vec::new(),
        };
        let map_method = vocab::is_map_method(&info.name);
        let mut callers = 0;
        for (gi, c) in t.calls.get(info.name.as_str()).into_iter().flatten() {
            let l = &self.files[*gi].facts.lifecycle;
            let Some(caller) = l.funcs.get(c.func as usize) else { continue };
            if *gi == file && c.func == func {
                continue;
            }
            if !self.may_call(t, *gi, c, caller.ty.as_deref(), info.ty.as_deref(), &owner, map_method) {
                continue;
            }
            if !is_shutdown_name(&caller.name) {
                return false;
            }
            callers += 1;
        }
        callers > 0
    }

    /// Whether call `c` (in file `file`, made by a method of `caller_ty`) may call the
    /// method of `ty` (resolved to `owner`).
    #[allow(clippy::too_many_arguments)]
    fn may_call(
        &self,
        t: &Tables<'a>,
        file: usize,
        c: &Call,
        caller_ty: Option<&str>,
        ty: Option<&str>,
        owner: &[ItemId],
        map_method: bool,
    ) -> bool {
        match &c.receiver {
            Receiver::SelfValue => ty.is_none() || caller_ty == ty,
            Receiver::Rooted(root) => {
                let scope = self.names.scope(file, &c.module);
                let (targets, _) = self.targets(t, file, scope, root, 0);
                if targets.is_empty() {
                    return !map_method;
                }
                targets.iter().any(|x| {
                    let holding = match x.place {
                        Place::Static(s) => t.holdings.get(&super::resolve::addr(s)),
                        Place::Field(_, f) => t.holdings.get(&super::resolve::addr(f)),
                        Place::Whole(_) => None,
                    };
                    match holding {
                        Some(Holding::Struct { ids, .. }) => owner.is_empty() || ids.iter().any(|i| owner.contains(i)),
                        Some(Holding::Map(_)) => false,
                        _ => !map_method,
                    }
                })
            }
            Receiver::Other => !map_method,
        }
    }

    /// Map fields (struct, field) that every literal of their struct creates pre-sized
    /// (`with_capacity(..)`), of structs no caller builds otherwise (no
    /// `#[derive(Default)]`, not all fields `pub`).
    pub fn presized_fields(&self) -> BTreeSet<(ItemId, String)> {
        let mut seen: BTreeMap<(ItemId, &str), bool> = BTreeMap::new();
        let mut open: BTreeSet<&str> = BTreeSet::new();
        let mut rest: BTreeSet<ItemId> = BTreeSet::new();
        for (fi, f) in self.files.iter().enumerate() {
            let lc = &f.facts.lifecycle;
            open.extend(lc.defaults.iter().map(String::as_str));
            for init in &lc.field_inits {
                let scope = self.names.scope(fi, &init.module);
                for id in self.structs_by_path(scope, std::slice::from_ref(&init.ty)) {
                    if init.field == ".." {
                        rest.insert(id);
                    } else {
                        *seen.entry((id, init.field.as_str())).or_insert(true) &= init.presized;
                    }
                }
            }
        }
        seen.into_iter()
            .filter(|((id, _), presized)| *presized && !rest.contains(id) && !open.contains(self.names.get(*id).name))
            .map(|((id, f), _)| (id, f.to_string()))
            .collect()
    }

    /// Whether the field of `strukt` named `field` is in `presized`.
    pub fn is_presized(&self, presized: &BTreeSet<(ItemId, String)>, strukt: &StructDef, field: &str) -> bool {
        self.names.id_of(strukt).is_some_and(|id| presized.contains(&(id, field.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::is_shutdown_name;

    #[test]
    fn shutdown_names() {
        for yes in ["shutdown", "exiting", "stop_all", "graceful_shutdown", "clean", "detach", "drop", "close"] {
            assert!(is_shutdown_name(yes), "{yes}");
        }
        for no in ["on_leader_stop", "handle_close", "is_closed", "should_stop", "reclean", "drain_timelines", "flush"]
        {
            assert!(!is_shutdown_name(no), "{no}");
        }
    }
}
