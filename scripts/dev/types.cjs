const {Parser, Language} = require('web-tree-sitter');
const fs = require('fs');
(async()=>{
 await Parser.init();
 const lang = await Language.load(require.resolve('tree-sitter-systemverilog/tree-sitter-systemverilog.wasm'));
 const p = new Parser(); p.setLanguage(lang);
 const counts = new Map();
 for (const f of process.argv.slice(2)) {
 const t = p.parse(fs.readFileSync(f,'utf8'));
 (function rec(n, parent){ const key = (parent?parent.type:'-')+' > '+n.type; if(n.isNamed) counts.set(key,(counts.get(key)||0)+1); for (const c of n.namedChildren) rec(c, n); })(t.rootNode, null);
 }
 for (const [k,v] of [...counts].sort()) console.log(v, k);
})();
