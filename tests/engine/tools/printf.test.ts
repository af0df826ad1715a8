/**
 * printf (sandbox/engine/tools/printf.ts) against bash 5.2's builtin. Every recorded case's output,
 * error output and exit status came from bash 5.2.15 as Debian bookworm ships it, running
 * `printf ARGS` under `bash -c` in the C.UTF-8 locale (its `bash: line 1: ` prefix written as the
 * sandbox's interactive `bash: `); the sandbox's host shell runs the same line and must print the
 * same bytes. A property test compares random formats and arguments with the real bash where there
 * is one.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { OUTPUT_LIMIT } from "../../../sandbox/engine/tools/io.ts";
import { sh } from "../helpers.ts";

/** A word the shell reads back as `text`. */
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
const line = (argv: string[]) => `printf ${argv.map(quote).join(" ")}`;

/** [the arguments after `printf`, what bash printed, its error output, its exit status]. */
const BASH: [string[], string, string, number][] = [
  [["\\101|\\0101|\\08|\\9|\\c|x|a\\"], "A|\b1|\u00008|\\9|\\c|x|a\\", "", 0],
  [["\\x|"], "\\x|", "bash: printf: missing hex digit for \\x\n", 0],
  [["\\xZ|\\x41\\x4a4"], "\\xZ|AJ4", "bash: printf: missing hex digit for \\x\n", 0],
  [["\\\"\\?\\'|\\z"], "\"?'|\\z", "", 0],
  [["%b|", "\\\"\\?\\'"], "\\\"\\?\\'|", "", 0],
  [["%b|", "\\x41\\u00e9\\0\\08\\1234"], "Aé\u0000\u00008S4|", "", 0],
  [["%b", "a\\"], "a\\", "", 0],
  [
    [
      "%q|",
      "a\nb",
      "",
      "~x",
      "a~b",
      "#a",
      "a#",
      "x=~",
      "é",
      "a,b",
      "\u0001",
      "a'b",
      "\t",
      "",
      "日本",
      "!x",
      "a*b",
      "[x]",
      "{a}",
      "a=b",
      "x:~",
      "\u001b",
    ],
    "$'a\\nb'|''|\\~x|a~b|\\#a|a#|x=\\~|é|a\\,b|$'\\001'|a\\'b|$'\\t'|$'\\177'|日本|\\!x|a\\*b|\\[x\\]|\\{a\\}|a=b|x:\\~|$'\\E'|",
    "",
    0,
  ],
  [["%s|"], "|", "", 0],
  [
    [
      "%d|",
      "0x1f",
      "017",
      "  12",
      " -3",
      "+4",
      "'A",
      '"é',
      "99999999999999999999",
      "-99999999999999999999",
      "12abc",
      "",
    ],
    "31|15|12|-3|4|65|233|9223372036854775807|-9223372036854775808|12|0|",
    "bash: printf: warning: 99999999999999999999: Numerical result out of range\nbash: printf: warning: -99999999999999999999: Numerical result out of range\nbash: printf: 12abc: invalid number\n",
    1,
  ],
  [["%u|%x|%o|", "-1", "-1", "-1"], "18446744073709551615|ffffffffffffffff|1777777777777777777777|", "", 0],
  [
    ["%.0f|%.0f|%.0f|%.2f|%.2f|%.20f", "0.5", "1.5", "2.5", "0.125", "2.675", "0.1"],
    "0|2|2|0.12|2.67|0.10000000000000000000",
    "",
    0,
  ],
  [["%f|%F|%e|%g|%a|", "inf", "-inf", "nan", "-nan", "infinity"], "inf|-INF|nan|-nan|inf|", "", 0],
  [
    [
      "%05.1f|%-8.3e|%+g|% g|%#g|%#.0f|%#x|%#o|%#X",
      "3.14159",
      "1234.5",
      "1e-5",
      "100000",
      "1000000",
      "3",
      "255",
      "8",
      "255",
    ],
    "003.1|1.234e+03|+1e-05| 100000|1.00000e+06|3.|0xff|010|0XFF",
    "",
    0,
  ],
  [
    ["%.3d|%.0d|%5.3d|%-5d|%05d|%+05d|%-05d", "7", "0", "7", "7", "-7", "7", "7"],
    "007||  007|7    |-0007|+0007|7    ",
    "",
    0,
  ],
  [["%10.4s|%-10s|%.0s|", "abcdefg", "é", "x"], "      abcd|é        ||", "", 0],
  [["%c|%c|%c|", "", "é", "xyz"], "\u0000|�|x|", "", 0],
  [["%*d|%-*d|%.*f|", "5", "1", "-5", "2", "3", "3.14159"], "    1|2    |3.142|", "", 0],
  [["%(%Y-%m-%d %H:%M:%S)T|", "0", "86400"], "1970-01-01 00:00:00|1970-01-02 00:00:00|", "", 0],
  [["%Q|", "a b"], "a\\ b|", "", 0],
  [["%.3Q|%.3q|", "a b c", "a b c"], "a\\ b|a\\ |", "", 0],
  [["%5%|"], "", "bash: printf: `%': invalid format character\n", 1],
  [["%d %s|", "1"], "1 |", "", 0],
  [["%s|", "a", "b", "c"], "a|b|c|", "", 0],
  [["x|", "a"], "x|", "", 0],
  [["%d|", "a"], "0|", "bash: printf: a: invalid number\n", 1],
  [
    ["-v"],
    "",
    "bash: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n",
    2,
  ],
  [["-v", "x"], "", "printf: usage: printf [-v var] format [arguments]\n", 2],
  [["-v", "1x", "%s", "a"], "", "bash: printf: `1x': not a valid identifier\n", 2],
  [
    ["-x", "a"],
    "",
    "bash: printf: -x: invalid option\nprintf: usage: printf [-v var] format [arguments]\n",
    2,
  ],
  [["--", "%s|", "a"], "a|", "", 0],
  [["-", "a"], "-", "", 0],
  [["%", "a"], "", "bash: printf: `%': missing format character\n", 1],
  [["%-", "a"], "", "bash: printf: `%-': missing format character\n", 1],
  [["%5", "a"], "", "bash: printf: `%5': missing format character\n", 1],
  [["%ls|%lc|", "é", "é"], "é|�|", "", 0],
  [["%hd|%lld|%jd|%zd|%td|%Ld|", "1", "2", "3", "4", "5", "6"], "1|2|3|4|5|6|", "", 0],
  [["%I|"], "", "bash: printf: `I': invalid format character\n", 1],
  [["%.f|%.e|%.g|", "2.5", "2.5", "2.5"], "2|2e+00|2|", "", 0],
  [
    ["%g|%g|%g|%g|%g", "0.0001", "0.00001", "123456", "1234567", "0"],
    "0.0001|1e-05|123456|1.23457e+06|0",
    "",
    0,
  ],
  [["%e|%e", "0", "-0"], "0.000000e+00|-0.000000e+00", "", 0],
  [
    ["%f|%f", "1e400", "1e5000"],
    "10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848324160522094053927317616200295822777259255734023828976593340661017797447434546173917862448116674971723778943824391593338047470675026246684401359237513603830343735485505244955964979021825038280091068414947402456898653040951017512658092615827588920183472511643316591362664138176309734806343732497430221946880.000000|inf",
    "bash: printf: warning: 1e5000: Numerical result out of range\n",
    0,
  ],
  [["%f|", "0x1.8p3"], "12.000000|", "", 0],
  [["%f|", "1e-4950"], "0.000000|", "bash: printf: warning: 1e-4950: Numerical result out of range\n", 0],
  [["%.30f|", "1e-30"], "0.000000000000000000000000000001|", "", 0],
  [["%d|", "1.5"], "1|", "bash: printf: 1.5: invalid number\n", 1],
  [["%f|", "1.5x"], "1.500000|", "bash: printf: 1.5x: invalid number\n", 1],
  [["%5.2s|", "éa"], "   é|", "", 0],
  [["%s", "a\\n"], "a\\n", "", 0],
  [["%b", "\\c"], "", "", 0],
  [["%b|%s|", "a\\cb", "z"], "a", "", 0],
  [["%*s|", "x", "y"], "y|", "bash: printf: x: invalid number\n", 1],
  [["%.*s|", "-1", "abc"], "abc|", "", 0],
  [["%d|", " "], "0|", "bash: printf:  : invalid number\n", 1],
  [["%x|", "0x"], "0|", "bash: printf: 0x: invalid hex number\n", 1],
  [["%d|", "08"], "0|", "bash: printf: 08: invalid octal number\n", 1],
  [["%d|", "-"], "0|", "bash: printf: -: invalid number\n", 1],
  [["%c|%d|%s|%b|%f|%q|"], "\u0000|0|||0.000000|''|", "", 0],
  [["%d|", "'AB"], "65|", "", 0],
  [["%d|", "'"], "0|", "", 0],
  [["%(%H:%M)T|", ""], "00:00|", "", 0],
  [["%d", "0xg"], "0", "bash: printf: 0xg: invalid hex number\n", 1],
  [["%f|", "0x"], "0.000000|", "bash: printf: 0x: invalid hex number\n", 1],
  [["%f|", "-0x1p-2"], "-0.250000|", "", 0],
  [["%.3a|%a|%A|", "1.0009765625", "0", "-0.1"], "0x8.020p-3|0x0p+0|-0XC.CCCCCCCCCCCCCCDP-7|", "", 0],
  [
    ["%10.3e|%-12g|%012.3f|%+.2e|", "12345.678", "0.5", "-3.14159", "0"],
    " 1.235e+04|0.5         |-0000003.142|+0.00e+00|",
    "",
    0,
  ],
  [
    ["%#.3g|%#g|%g|%.10g|", "1", "0.1", "1e100", "3.14159265358979"],
    "1.00|0.100000|1e+100|3.141592654|",
    "",
    0,
  ],
  [["%5c|%-5c|", "a", "b"], "    a|b    |", "", 0],
  [["%5b|%.2b|", "a\\tb", "xyz"], "  a\tb|xy|", "", 0],
  [["%.1s|", "é"], "�|", "", 0],
  [["%s\\n", "a", "b"], "a\nb\n", "", 0],
  [["\\u00e9\\x41\\101|"], "éAA|", "", 0],
  [["%b", "\\u263a\\U0001F600"], "☺😀", "", 0],
  [["%i|%i", "010", "-0x10"], "8|-16", "", 0],
  [["%o|%x|%X|%u", "8", "255", "255", "3"], "10|ff|FF|3", "", 0],
  [["%05s|%+s|% s|%#s", "a", "b", "c", "d"], "    a|b|c|d", "", 0],
  [["%-+5d|%- 5d|", "3", "3"], "+3   | 3   |", "", 0],
  [["%.5%"], "", "bash: printf: `%': invalid format character\n", 1],
  [["%s|%s|%s|", "a"], "a|||", "", 0],
  [["%n|x%nab%n|", "v"], "|xab|", "", 0],
  [["%-10s|%10s|\\n", "NAME", "READY"], "NAME      |     READY|\n", "", 0],
  [["%3d%%\\n", "50"], " 50%\n", "", 0],
  [["%08.3f|%-8.2f|%+08d|", "3.14159", "2.5", "42"], "0003.142|2.50    |+0000042|", "", 0],
  [["%e", "123456789012345678901234567890"], "1.234568e+29", "", 0],
  [["%.15g|%.17g|%.18g|%.19g|%.20g", "0.1", "0.1", "0.1", "0.1", "0.1"], "0.1|0.1|0.1|0.1|0.1", "", 0],
  [
    ["%g|%g|%g|%g", "1e-300", "1e300", "5e-324", "1.7976931348623157e308"],
    "1e-300|1e+300|5e-324|1.79769e+308",
    "",
    0,
  ],
  [["%.0e|%#.0e|%.0g|%#.0g", "15", "15", "15", "15"], "2e+01|2.e+01|2e+01|2.e+01", "", 0],
  [["%a|%a|%a|%a", "1", "2", "0.5", "255"], "0x8p-3|0x8p-2|0x8p-4|0xf.fp+4", "", 0],
  [["%.0a|%.1a|%.20a", "1.5", "1.96875", "1"], "0xcp-3|0xf.cp-3|0x8.00000000000000000000p-3", "", 0],
  [
    ["%x|%X|%o", "18446744073709551615", "18446744073709551616", "-9223372036854775808"],
    "ffffffffffffffff|FFFFFFFFFFFFFFFF|1000000000000000000000",
    "bash: printf: warning: 18446744073709551616: Numerical result out of range\n",
    0,
  ],
  [
    ["%d|%i", "9223372036854775807", "-9223372036854775809"],
    "9223372036854775807|-9223372036854775808",
    "bash: printf: warning: -9223372036854775809: Numerical result out of range\n",
    0,
  ],
  [["%+d|% d|%+d", "0", "0", "-0"], "+0| 0|+0", "", 0],
  [["%s %s %s\\n", "a", "b"], "a b \n", "", 0],
  [["%%|%s", "x", "y"], "%|x%|y", "", 0],
  [["%b%b", "a", "b", "c"], "abc", "", 0],
  [["%.3s|", "abcdef", "gh"], "abc|gh|", "", 0],
  [["%-3c|", "xyz"], "x  |", "", 0],
  [["%#.3o|%#.0o|%#x|%#5x|%#05x", "8", "0", "0", "10", "10"], "010|0|0|  0xa|0x00a", "", 0],
  [["%f|", "  -1.5"], "-1.500000|", "", 0],
  [["%f|", "+.5"], "0.500000|", "", 0],
  [["%f|", ".e5"], "0.000000|", "bash: printf: .e5: invalid number\n", 1],
  [["%f|", "1e"], "1.000000|", "bash: printf: 1e: invalid number\n", 1],
  [["%f|", "1e+"], "1.000000|", "bash: printf: 1e+: invalid number\n", 1],
  [["%f|", "INF"], "inf|", "", 0],
  [["%f|", "nan(123)"], "nan|", "", 0],
  [["%f|", "nanx"], "nan|", "bash: printf: nanx: invalid number\n", 1],
  [["%g|", "1e-5"], "1e-05|", "", 0],
  [["%g|", "123456.5"], "123456|", "", 0],
  [["%g|", "0.000123456789"], "0.000123457|", "", 0],
];

describe("printf, byte for byte with bash 5.2", () => {
  it.each(BASH)("printf %j", async (argv, stdout, stderr, status) => {
    expect(await sh(createSandbox(), line(argv))).toEqual({ stdout, stderr, status });
  });
});

describe("printf's own cases", () => {
  it("-v assigns the output to a variable and %n the count of bytes printed so far", async () => {
    const sandbox = createSandbox();
    expect(await sh(sandbox, "printf -v out '%05.1f|%s' 2.25 é; echo \"[$out]\"")).toMatchObject({
      stdout: "[002.2|é]\n",
    });
    expect((await sh(sandbox, "printf 'é%nab%n|' first second; echo \" $first $second\"")).stdout).toBe(
      "éab| 2 4\n",
    );
  });

  it("%(…)T prints the simulated clock's time, -1 and no argument being now", async () => {
    const sandbox = createSandbox({ startMs: Date.UTC(2026, 10, 22, 9, 30, 5) });
    expect((await sh(sandbox, "printf '%(%F %T)T|%(%H:%M)T|%(%Y)T' -1 3600")).stdout).toBe(
      "2026-11-22 09:30:05|01:00|2026",
    );
  });

  it("stops at OUTPUT_LIMIT bytes however wide a field is, and huge numbers do not stall it", async () => {
    const sandbox = createSandbox();
    expect((await sh(sandbox, "printf '%999999999d' 1 | wc -c")).stdout).toBe(`${OUTPUT_LIMIT}\n`);
    expect(await sh(sandbox, "printf '%f|%.3e|%g' 1e999999999 -1e-999999999 1e4000")).toEqual({
      stdout: "inf|-0.000e+00|1e+4000",
      stderr:
        "bash: printf: warning: 1e999999999: Numerical result out of range\n" +
        "bash: printf: warning: -1e-999999999: Numerical result out of range\n",
      status: 0,
    });
    const zeros = await sh(sandbox, "printf '%.9999999f' 0.5 | wc -c");
    expect(zeros.stdout).toBe(`${OUTPUT_LIMIT}\n`);
  });

  it("in a pod's dash or BusyBox shell, \\u is not an escape", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    expect(
      (await sh(sandbox, `kubectl exec deb -- sh -c "printf '\\u00e9|%05.1f|%x' 2.25 255"`)).stdout,
    ).toBe("\\u00e9|002.2|ff");
  });
});

describe.skipIf(!existsSync("/bin/bash"))("printf against /bin/bash (property)", () => {
  it("prints what bash prints for random formats and arguments", async () => {
    const conversion = fc
      .record({
        flags: fc.subarray(["-", "+", " ", "#", "0"]).map((f) => f.join("")),
        width: fc.constantFrom("", "1", "7", "12", "*"),
        precision: fc.constantFrom("", ".", ".0", ".3", ".17", ".*"),
        letter: fc.constantFrom(..."diouxXfFeEgGaAcsbqQ"),
      })
      .map(({ flags, width, precision, letter }) => `%${flags}${width}${precision}${letter}`);
    const piece = fc.oneof(conversion, fc.constantFrom("|", "\\n", "\\t", "\\101", "\\x4", "%%", "é", "\\0"));
    const argument = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.double().map(String),
      fc.constantFrom(
        "0",
        "-0",
        "0x1F",
        "017",
        "08",
        "1e10",
        ".5",
        "5.",
        "inf",
        "-nan",
        "'x",
        "abc",
        "",
        " 12",
        "0.125",
      ),
      fc.string({ maxLength: 6 }),
    );
    const samples = fc.sample(
      fc.tuple(
        fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join("")),
        fc.array(argument, { maxLength: 5 }),
      ),
      { numRuns: 150, seed: 7 },
    );
    const sandbox = createSandbox();
    for (const [format, args] of samples) {
      const script = line([format, ...args]);
      const real = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", script], {
        env: { LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin", TZ: "UTC" },
        maxBuffer: 2 * OUTPUT_LIMIT,
      });
      // A `*` width from a huge argument prints past the sandbox's output limit.
      if (real.stdout.length > OUTPUT_LIMIT) continue;
      const got = await sh(sandbox, script);
      expect({ script, ...got }).toEqual({
        script,
        stdout: new TextDecoder().decode(real.stdout),
        stderr: real.stderr.toString().replace(/^(\/bin\/)?bash: line 1: /gm, "bash: "),
        status: real.status,
      });
    }
  });
});
