#!/usr/bin/env python3
"""Finds source files that import each other, directly or in a circle.

For each crate of the workspace, every reference a file makes to an item of its own crate
(`use` statements, and paths such as `crate::a::b`, `super::x`, `self::y` written inline) is
resolved to the file that defines the module it names; a file's own `#[cfg(test)]` module is
left out. A circle among these edges (A imports B imports A, or longer) is printed and the
script exits with 1. Declaring a child module (`mod x;`) is not an import; re-exporting from it
(`pub use x::Y`) is.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = ["domain", "eds", "server", "app", "signer"]


def modules(src):
    """Maps module paths (tuples) to files, for one crate's src/."""
    out = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)
            parts = rel[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main") or parts[0] == "bin":
                parts = parts[:-1] if parts[-1] in ("mod", "lib", "main") else parts
            if parts and parts[0] == "bin":
                continue
            out[tuple(parts)] = os.path.join(dirpath, f)
    return out


def own_module(path, src):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel), os.path.basename(path) in ("mod.rs", "lib.rs", "main.rs")


USE = re.compile(r"\buse\s+([^;]+);", re.S)
INLINE = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def expand(tree):
    """Expands a use tree (`a::{b, c::d}`) into paths."""
    tree = re.sub(r"\s+", "", tree)
    tree = re.sub(r"\bas\w+", "", tree.replace(" as ", " as"))
    depth, start, parts = 0, None, []
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    prefix = tree[:brace]
    inner = tree[brace + 1 : tree.rfind("}")]
    item, depth = "", 0
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(item)
            item = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        item += ch
    if item:
        parts.append(item)
    out = []
    for p in parts:
        for e in expand(p):
            out.append(prefix + e if e != "self" else prefix.rstrip(":"))
    return out


def resolve(segments, here, is_dir_module, mods):
    """The file of the deepest module a path names, from module `here`."""
    base = list(here)
    segs = list(segments)
    if segs and segs[0] == "crate":
        base, segs = [], segs[1:]
    elif segs and segs[0] in ("super", "self"):
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
    else:
        # A bare first segment is a child module of this one, if it exists.
        if tuple(base + segs[:1]) not in mods:
            return None
    best = None
    for i in range(len(segs) + 1):
        key = tuple(base + segs[:i])
        if key in mods:
            best = mods[key]
    return best


def main():
    edges = {}
    for crate in CRATES:
        src = os.path.join(ROOT, crate, "src")
        mods = modules(src)
        for mod, path in mods.items():
            text = open(path, encoding="utf-8").read()
            text = re.split(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)[0]
            text = re.sub(r"//[^\n]*", "", text)
            here, _ = own_module(path, src)
            targets = set()
            for m in USE.finditer(text):
                for p in expand(m.group(1)):
                    segs = [s for s in p.split("::") if s]
                    if not segs or segs[0] in ("std", "core", "alloc"):
                        continue
                    t = resolve(segs, here, True, mods)
                    if t:
                        targets.add(t)
            for m in INLINE.finditer(text):
                segs = [m.group(1)] + [s for s in m.group(2).split("::") if s]
                t = resolve(segs, here, True, mods)
                if t:
                    targets.add(t)
            targets.discard(path)
            edges[path] = targets
    # Circles: strongly connected components with more than one file.
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(comp)

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            connect(v)
    if sccs:
        for comp in sccs:
            names = sorted(os.path.relpath(p, ROOT) for p in comp)
            print("import circle: " + " <-> ".join(names))
        sys.exit(1)
    print(f"no import circles among {len(edges)} source files")


if __name__ == "__main__":
    main()
