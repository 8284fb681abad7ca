//! Which reads of a map's values count as shared, and which stay in place.

use super::*;

fn shares(src: &str) -> Vec<String> {
    let file = syn::parse_file(src).unwrap();
    collect(&file, false)
        .into_iter()
        .map(|s| {
            let root = match s.root {
                MapRoot::Static(n) => n,
                MapRoot::Field { ty: Some(t), field } => format!("{t}.{field}"),
                MapRoot::Field { ty: None, field } => format!("_.{field}"),
                MapRoot::Local(line) => format!("let@{line}"),
                MapRoot::Call(n) => format!("{n}()"),
            };
            format!("{root} {:?}{}", s.kind, if s.in_test { " test" } else { "" })
        })
        .collect()
}

/// The 1-based line of the first line of `src` holding `text`.
fn line_of(src: &str, text: &str) -> usize {
    src.lines().position(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn clones_returns_and_hand_offs() {
    let src = "
impl S {
    fn a(&self) -> Option<Worker> { let q = self.queues.get(&1)?; Some(Worker { q: Arc::clone(q) }) }
    fn b(&self) -> Option<Arc<X>> { match self.routes.lock().unwrap().get(n) { Some(r) => Some(r.clone()), None => None } }
    fn c(&mut self) { if let Some(t) = self.tasks.remove(&1) { tx.send(t).ok(); } }
    fn d(&mut self) -> Option<P> { let w = self.watchers.remove(&1)?; Some(P { w }) }
    fn e(&mut self) { if let Some(j) = self.jobs.remove(&1) { spawn(move || j.lock()); } }
    fn f(&mut self) -> Arc<X> { let s = Arc::new(x); self.inflight.insert(k, Arc::clone(&s)); s }
    fn ff(&mut self) { let b = Arc::new(x); let c = b.clone(); spawn(move || c); self.observers.insert(k, b); }
    fn fg(&self) -> HashMap<u8, Arc<X>> { self.regions.iter().map(|(k, r)| (*k, r.shared.clone())).collect() }
    fn g(&self) -> Option<&Arc<X>> { self.handles.values().next() }
    fn h(&mut self) { for (_, n) in self.graph.drain() { visit(n); } }
    fn i(&self) { let v: Vec<_> = self.docs.iter().map(|(_, d)| d.clone()).collect(); }
    fn j(&self) { self.slots.get(&1).map(Rc::clone); }
    fn jj(&self, s: Option<&u8>) -> Option<&Arc<X>> { match s { Some(s) => Some(self.scopes.get(s)?), None => None } }
    fn jk(&self) -> Option<&Arc<X>> { if x { return Some(&self.early[&1]); } None }
    fn m(&self) { let x = match self.disk.lock().entry(p) { Entry::Occupied(e) => Arc::clone(e.get()), Entry::Vacant(e) => Arc::clone(e.insert(v)) }; }
    fn n(&mut self) { self.devs.retain(|_, d| !Arc::ptr_eq(d, other)); }
    fn o(&mut self) { let a = self.nested.entry(a).or_default().entry(b).or_insert_with(f); a.clone(); }
}
fn k() { let m = make(); m.get(&1).cloned(); REG.lock().entry(k).or_default().clone(); }
fn l() {
    let mut m: HashMap<u8, Rc<X>> = HashMap::new();
    let t = HashMap::<u8, Rc<X>>::new();
    let x = m[&1].clone();
    keep(t.remove(&2));
    let n: HashMap<u8, Rc<X>> = HashMap::new();
    let o: HashMap<u8, Rc<X>> = HashMap::new();
    S { n, o: Arc::new(Mutex::new(o)) };
}
";
    assert_eq!(
        shares(src),
        [
            "S.queues Cloned",
            "S.routes Cloned",
            "S.tasks Passed",
            "S.watchers Stored",
            "S.jobs Moved",
            "S.inflight InsertedClone",
            "S.observers InsertedClone",
            "fg() InsertedClone",
            "S.handles Returned",
            "S.graph Passed",
            "S.docs Cloned",
            "S.slots Cloned",
            "S.scopes Returned",
            "S.early Returned",
            "S.disk Cloned",
            "S.devs Compared",
            "S.nested Cloned",
            "make() Cloned",
            "REG Cloned",
            &format!("let@{} Cloned", line_of(src, "let mut m:")),
            &format!("let@{} Passed", line_of(src, "let t =")),
            &format!("let@{} IntoField", line_of(src, "let n:")),
            &format!("let@{} IntoField", line_of(src, "let o:")),
        ]
    );
}

#[test]
fn reads_in_place_are_not_shared() {
    let src = "
impl S {
    fn a(&self) { if let Some(c) = self.stock.get(k) { *c.lock().unwrap() += 1; } }
    fn b(&self) -> u32 { self.stock.values().map(|c| *c.lock().unwrap()).sum() }
    fn c(&self) -> Vec<String> { self.shelves.get(&1).map(|s| s.borrow().clone()).unwrap_or_default() }
    fn d(&self) -> usize { let s = &self.shelves[&1]; s.borrow().len() }
    fn e(&self) { for (k, v) in self.stock.iter() { keys.push(k.clone()); v.lock().unwrap().clear(); } }
    fn f(&self) { println!(\"{:?}\", self.stock.get(k)); assert!(self.stock.get(k).is_some()); }
    fn g(&self) { for (_, n) in &self.stock { visit(n); } let x = S { s: self.stock.get(k) }; }
    fn h(&self) { for (m, codes) in &self.by_code { for (c, agg) in codes { out.insert(*c, agg.lock().get()); } } }
}
#[cfg(test)]
mod tests { fn t(s: &S) { s.stock.get(k).cloned(); } }
";
    assert_eq!(shares(src), ["_.stock Cloned test"]);
}
