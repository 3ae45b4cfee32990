#!/usr/bin/env python3
"""
False errors of `ppa-lens check` on the SystemVerilog corpus repositories (common_cells, cvfpu,
ara; see ../shared/corpus/MANIFEST.md): the files of each repository's Bender.yml in its order
(synthesis targets: test/tb/formal/simulation/spyglass/verilator targets left out), with its
include folders; Verilator (`--lint-only -Wno-fatal`) over the same list decides which files it
accepts (no %Error located in the file); ppa-lens errors are counted on those files only.

usage: sv-false-errors.py CORPUS_DIR CLI_JS[,CLI_JS...] [repo...]
prints one line per repository and ppa-lens bundle (e.g. before and after a change): files,
files Verilator lints with no %Error at all (verilator_clean) and the errors ppa-lens reports in
them; files where no %Error is located in the file itself (a looser verdict: an error in a missing
dependency does not count) and the errors there, by code. VERBOSE=1 lists them on stderr.
"""
import json, os, re, subprocess, sys, collections
import yaml

SKIP = re.compile(r'test|tb|formal|simulation|spyglass|verilator|synth_test|xilinx|vivado')

def bender_files(repo):
    y = yaml.safe_load(open(os.path.join(repo, 'Bender.yml')))
    files, incs = [], [os.path.join(repo, d) for d in y.get('export_include_dirs', [])]
    def walk(srcs):
        if isinstance(srcs, dict):
            t = srcs.get('target')
            if t and SKIP.search(str(t)) and not str(t).startswith('not('):
                return
            for d in srcs.get('include_dirs', []):
                incs.append(os.path.join(repo, d))
            walk(srcs.get('files', []))
            return
        for s in srcs:
            if isinstance(s, str):
                if s.endswith(('.sv', '.v')):
                    files.append(os.path.join(repo, s))
            else:
                walk(s)
    walk(y.get('sources', []))
    return [f for f in files if os.path.exists(f)], sorted(set(incs))

def main():
    corpus, clis = sys.argv[1], sys.argv[2].split(',')
    repos = sys.argv[3:] or ['common_cells', 'cvfpu', 'ara']
    cc_files, cc_incs = bender_files(os.path.join(corpus, 'common_cells'))
    for name in repos:
        repo = os.path.join(corpus, name)
        files, incs = bender_files(repo)
        # dependencies present in the corpus: common_cells (cvfpu and ara use it)
        deps, dep_incs = ([], []) if name == 'common_cells' else (cc_files, cc_incs)
        allf = deps + files
        incs = incs + dep_incs
        # Verilator per file: the whole list parsed, the file's first module as the top (a file of
        # packages only: with the packages before it), accepted when no %Error is located in it
        accepted = []
        strict = set()
        for f in files:
            text = open(f, errors='replace').read()
            m = re.search(r'^\s*module\s+(?:automatic\s+|static\s+)?(\w+)', text, re.M)
            args = ['verilator', '--lint-only', '-Wno-fatal', '-Wno-lint', '-Wno-style', *[f'-I{d}' for d in incs]]
            if m:
                args += ['--top-module', m.group(1), *allf]
            else:
                args += [x for x in allf[: allf.index(f)] if re.search(r'pkg\.sv$', x)] + [f]
            try:
                v = subprocess.run(args, capture_output=True, text=True, timeout=120)
                out = v.stderr
            except subprocess.TimeoutExpired:
                out = f'%Error: {f}:1: timeout'
            bad = any(os.path.realpath(x) == os.path.realpath(f) for x in re.findall(r'%Error[^:]*: ([^:\s]+):\d+', out))
            if not bad:
                accepted.append(f)
            # strict: the run reports no %Error at all (an error in a package the file needs counts)
            if '%Error' not in out:
                strict.add(os.path.realpath(f))
            elif os.environ.get('VERBOSE'):
                print(f'  verilator rejects {os.path.relpath(f, repo)}', file=sys.stderr)
        for cli in clis:
            r = subprocess.run(['node', cli, 'check', '--format', 'json', *[a for d in incs for a in ('-I', d)], *allf], capture_output=True, text=True)
            try:
                out = json.loads(r.stdout)
            except Exception:
                print(name, 'ppa-lens output not JSON', r.stdout[:200], r.stderr[:500]); continue
            diags = out.get('diagnostics', out if isinstance(out, list) else [])
            acc = set(os.path.realpath(f) for f in accepted)
            errs = collections.Counter()
            strict_errs = 0
            per_file = collections.Counter()
            for d in diags:
                f = os.path.realpath(os.path.join(os.getcwd(), d.get('file', '')))
                if d.get('severity') == 'error' and f in strict:
                    strict_errs += 1
                if d.get('severity') == 'error' and f in acc:
                    errs[d.get('code')] += 1
                    per_file[os.path.relpath(f, repo)] += 1
                    if os.environ.get('VERBOSE'):
                        print(f"  {os.path.relpath(f, repo)}:{d.get('line')}:{d.get('column')} {d.get('code')} {d.get('message')}", file=sys.stderr)
            print(json.dumps({'repo': name, 'cli': cli, 'files': len(files), 'verilator_clean': len(strict), 'errors_in_clean': strict_errs, 'verilator_no_error_in_file': len(accepted), 'errors': sum(errs.values()), 'by_code': dict(errs), 'worst_files': per_file.most_common(5)}))

main()
