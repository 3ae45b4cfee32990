/**
 * Verilog-2005 and SystemVerilog-2017 reserved words: rename refuses them as new names (the edit
 * would not parse) and completion offers the common ones.
 */
const VERILOG_2005 = `always and assign automatic begin buf bufif0 bufif1 case casex casez cell cmos config deassign
default defparam design disable edge else end endcase endconfig endfunction endgenerate endmodule
endprimitive endspecify endtable endtask event for force forever fork function generate genvar
highz0 highz1 if ifnone incdir include initial inout input instance integer join large liblist
library localparam macromodule medium module nand negedge nmos nor noshowcancelled not notif0
notif1 or output parameter pmos posedge primitive pull0 pull1 pulldown pullup pulsestyle_ondetect
pulsestyle_onevent rcmos real realtime reg release repeat rnmos rpmos rtran rtranif0 rtranif1
scalared showcancelled signed small specify specparam strong0 strong1 supply0 supply1 table task
time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg unsigned use uwire vectored wait wand
weak0 weak1 while wire wor xnor xor`;

const SYSTEMVERILOG = `accept_on alias always_comb always_ff always_latch assert assume before bind bins binsof bit
break byte chandle checker class clocking const constraint context continue cover covergroup
coverpoint cross dist do endchecker endclass endclocking endgroup endinterface endpackage
endprogram endproperty endsequence enum eventually expect export extends extern final first_match
foreach forkjoin global iff ignore_bins illegal_bins implements implies import inside int interface
intersect join_any join_none let local logic longint matches modport new nexttime null package
packed priority program property protected pure rand randc randcase randsequence ref reject_on
restrict return s_always s_eventually s_nexttime s_until s_until_with sequence shortint shortreal
soft solve static string strong struct super sync_accept_on sync_reject_on tagged this throughout
timeprecision timeunit type typedef union unique unique0 until until_with untyped var virtual void
wait_order weak wildcard with within`;

export const KEYWORDS: ReadonlySet<string> = new Set(`${VERILOG_2005} ${SYSTEMVERILOG}`.split(/\s+/).filter(Boolean));

/** Keywords offered by completion in a module body (the synthesizable subset first). */
export const BODY_KEYWORDS = [
  'wire', 'reg', 'logic', 'integer', 'genvar', 'parameter', 'localparam', 'assign', 'always', 'always_ff', 'always_comb',
  'always_latch', 'posedge', 'negedge', 'begin', 'end', 'if', 'else', 'case', 'casez', 'casex', 'endcase', 'default', 'for',
  'generate', 'endgenerate', 'function', 'endfunction', 'input', 'output', 'inout', 'signed', 'unsigned', 'initial', 'endmodule',
];

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const ESCAPED = /^\\\S+$/;

/** Why `name` cannot be a Verilog identifier, or undefined if it can. */
export function identifierProblem(name: string): string | undefined {
  if (ESCAPED.test(name)) return undefined;
  if (!IDENT.test(name)) return `'${name}' is not a Verilog identifier`;
  if (KEYWORDS.has(name)) return `'${name}' is a reserved keyword`;
  return undefined;
}
