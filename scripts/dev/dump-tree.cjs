const {Parser, Language} = require('web-tree-sitter');
const fs = require('fs');
(async()=>{
 await Parser.init();
 const lang = await Language.load(require.resolve('tree-sitter-systemverilog/tree-sitter-systemverilog.wasm'));
 const p = new Parser(); p.setLanguage(lang);
 const src = fs.readFileSync(process.argv[2],'utf8');
 const t = p.parse(src);
 function pr(n, d){ if (d>+process.argv[3]) return; const f = n.childCount===0? ' '+JSON.stringify(n.text):''; console.log('  '.repeat(d)+(n.isNamed?n.type:JSON.stringify(n.type))+` ${n.startPosition.row+1}:${n.startPosition.column+1}`+f); for (let i=0;i<n.childCount;i++){ const c=n.child(i); const fn = n.fieldNameForChild(i); if(fn) process.stdout.write('  '.repeat(d+1)+fn+': '); pr(c,d+1);} }
 pr(t.rootNode,0);
})();
