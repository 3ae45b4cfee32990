// A CPU-like design with no MAC array: an accumulator machine with a program counter, an 8-entry
// register file and an ALU (add, sub, and, or, xor, multiply low) selected by the opcode. The
// multiplier's product only goes through the result mux, so it is not a multiply-accumulate.
`default_nettype none

module tiny_cpu (
    input  wire        clk,
    input  wire        rst_n,
    input  wire [15:0] instr,
    output wire [7:0]  pc,
    output wire [15:0] result
);
    reg  [7:0]  pc_q;
    reg  [15:0] regs [0:7];
    reg  [15:0] acc_q;

    wire [2:0]  op  = instr[15:13];
    wire [2:0]  rs  = instr[12:10];
    wire [7:0]  imm = instr[7:0];
    wire [15:0] src = regs[rs];

    reg  [15:0] alu;
    always @(*) begin
        case (op)
            3'd0: alu = acc_q + src;
            3'd1: alu = acc_q - src;
            3'd2: alu = acc_q & src;
            3'd3: alu = acc_q | src;
            3'd4: alu = acc_q ^ src;
            3'd5: alu = acc_q[7:0] * src[7:0];
            3'd6: alu = {8'd0, imm};
            default: alu = acc_q;
        endcase
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            pc_q  <= 8'd0;
            acc_q <= 16'd0;
        end else begin
            pc_q  <= (op == 3'd7) ? imm : pc_q + 8'd1;
            acc_q <= alu;
            regs[instr[9:7]] <= acc_q;
        end
    end

    assign pc     = pc_q;
    assign result = acc_q;
endmodule

`default_nettype wire
