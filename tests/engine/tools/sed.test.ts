/**
 * sed (sandbox/engine/tools/sed.ts) against GNU sed 4.9. Every case's output (stdout and stderr
 * together) and exit status were recorded from GNU sed 4.9 as Debian bookworm ships it, running
 * `{ sed ARGS; } 2>&1` in a directory whose in.txt holds the input; the sandbox runs the same line
 * on the same file and must print the same bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { run, run1, sh } from "../helpers.ts";

/** [in.txt, the arguments after `sed`, what GNU sed printed, its exit status]. */
const GNU_SED: [string, string, string, number][] = [
  ["a\nb\nc\n", "s/b/X/ in.txt", "a\nX\nc\n", 0],
  ["hello world\n", "'s/o/0/g' in.txt", "hell0 w0rld\n", 0],
  ["hello world\n", "'s/o/0/2' in.txt", "hello w0rld\n", 0],
  ["aaa\n", "'s/a/b/2g' in.txt", "abb\n", 0],
  ["hello\n", "'s/\\(h\\)\\(e\\)/\\2\\1/' in.txt", "ehllo\n", 0],
  ["hello\n", "-E 's/(h)(e)/\\2\\1/' in.txt", "ehllo\n", 0],
  ["hello\n", "'s/l*/-/g' in.txt", "-h-e-o-\n", 0],
  ["a\nb\nc\nd\n", "-n '2,3p' in.txt", "b\nc\n", 0],
  ["a\nb\nc\nd\n", "'2d' in.txt", "a\nc\nd\n", 0],
  ["a\nb\nc\nd\n", "'$d' in.txt", "a\nb\nc\n", 0],
  ["a\nb\nc\nd\n", "-n '$p' in.txt", "d\n", 0],
  ["a\nb\nc\nd\n", "'/b/,/c/d' in.txt", "a\nd\n", 0],
  ["a\nb\nc\nd\n", "'/b/,+1d' in.txt", "a\nd\n", 0],
  ["a\nb\nc\nd\ne\n", "-n '1~2p' in.txt", "a\nc\ne\n", 0],
  ["a\nb\nc\nd\n", "'2q' in.txt", "a\nb\n", 0],
  ["a\nb\nc\nd\n", "'2Q' in.txt", "a\n", 0],
  ["a\nb\nc\nd\n", "'2q5' in.txt; echo $?", "a\nb\n5\n", 0],
  ["a\nb\nc\n", "= in.txt", "1\na\n2\nb\n3\nc\n", 0],
  ["a\nb\nc\n", "'2i\\inserted' in.txt", "a\ninserted\nb\nc\n", 0],
  ["a\nb\nc\n", "'2a appended' in.txt", "a\nb\nappended\nc\n", 0],
  ["a\nb\nc\n", "'2c changed' in.txt", "a\nchanged\nc\n", 0],
  ["a\nb\nc\nd\n", "'2,3c changed' in.txt", "a\nchanged\nd\n", 0],
  ["a\nb\nc\n", "'y/abc/xyz/' in.txt", "x\ny\nz\n", 0],
  ["a\nb\nc\n", "-n '/b/!p' in.txt", "a\nc\n", 0],
  ["a\nb\nc\n", "'/b/{s/b/B/;p}' in.txt", "a\nB\nB\nc\n", 0],
  ["a\nb\nc\n", "':a;N;$!ba;s/\\n/,/g' in.txt", "a,b,c\n", 0],
  ["a\nb\nc\n", "'N;P;D' in.txt", "a\nb\nc\n", 0],
  ["a\nb\nc\n", "-n 'h;n;G;p' in.txt", "b\na\n", 0],
  ["a\nb\nc\n", "'1!G;h;$!d' in.txt", "c\nb\na\n", 0],
  ["no newline", "s/no/yes/ in.txt", "yes newline", 0],
  ["a\nb", "'$a end' in.txt", "a\nb\nend\n", 0],
  ["Hello World\n", "'s/\\w\\+/\\U&/' in.txt", "HELLO World\n", 0],
  ["hello world\n", "-E 's/(\\w+) (\\w+)/\\u\\1 \\U\\2/' in.txt", "Hello WORLD\n", 0],
  ["a,b,c\n", "'s/,/\\t/g' in.txt", "a\tb\tc\n", 0],
  ["a/b/c\n", "'s|/|_|g' in.txt", "a_b_c\n", 0],
  ["a/b/c\n", "'s/\\//_/g' in.txt", "a_b_c\n", 0],
  ["hello\n", "'s/HELLO/hi/I' in.txt", "hi\n", 0],
  ["a\nb\n", "-e 's/a/A/' -e 's/b/B/' in.txt", "A\nB\n", 0],
  ["a\n", "'s/a/b' in.txt", "sed: -e expression #1, char 5: unterminated `s' command\n", 1],
  ["a\n", "'k' in.txt", "sed: -e expression #1, char 1: unknown command: `k'\n", 1],
  ["a\n", "'s/a/b/x' in.txt", "sed: -e expression #1, char 7: unknown option to `s'\n", 1],
  ["a\n", "'p x' in.txt", "sed: -e expression #1, char 3: extra characters after command\n", 1],
  ["a\n", "'/a' in.txt", "sed: -e expression #1, char 2: unterminated address regex\n", 1],
  ["a\n", "'}' in.txt", "sed: -e expression #1, char 1: unexpected `}'\n", 1],
  ["a\n", "'{p' in.txt", "sed: -e expression #1, char 0: unmatched `{'\n", 1],
  [
    "a\n",
    "'y/ab/x/' in.txt",
    "sed: -e expression #1, char 7: strings for `y' command are different lengths\n",
    1,
  ],
  ["a\n", "'b nolabel' in.txt", "sed: can't find label for jump to `nolabel'\n", 4],
  [
    "a\n",
    "s/a/b/ nosuch.txt in.txt; echo $?",
    "sed: can't read nosuch.txt: No such file or directory\nb\n2\n",
    0,
  ],
  ["a\nb\n", "-n '0,/a/p' in.txt", "a\n", 0],
  ["a\nb\n", "'0p' in.txt", "sed: -e expression #1, char 2: invalid usage of line address 0\n", 1],
  ["x\n", "-i 's/x/y/' in.txt; cat in.txt", "y\n", 0],
  ["x\n", "-i.bak 's/x/y/' in.txt; cat in.txt in.txt.bak", "y\nx\n", 0],
  ["x\n", "-i 's/x/y/'", "sed: no input files\n", 4],
  [
    "replicas: 3\nimage: nginx:1.25\n",
    "-i -e 's/replicas: 3/replicas: 5/' -e 's/1.25/1.26/' in.txt; cat in.txt",
    "replicas: 5\nimage: nginx:1.26\n",
    0,
  ],
  ["a b\n", "'s/ /\\n/' in.txt", "a\nb\n", 0],
  ["ab\n", "'s/a\\|b/X/g' in.txt", "XX\n", 0],
  ["aab\n", "'s/a\\+/X/' in.txt", "Xb\n", 0],
  ["a\nb\nc\n", "-s -n '$p' in.txt in.txt", "c\nc\n", 0],
  ["a\nb\nc\n", "-n '$p' in.txt in.txt", "c\n", 0],
  ["foo=1\n", "-n 's/^foo=\\(.*\\)$/\\1/p' in.txt", "1\n", 0],
  ["x\n", "'s/x/a\\&b/' in.txt", "a&b\n", 0],
  ["a1b2\n", "'s/[0-9]/<&>/g' in.txt", "a<1>b<2>\n", 0],
  ["a1b2\n", "'s/[[:digit:]]\\+/N/g' in.txt", "aNbN\n", 0],
  ["a\nb\nc\nd\ne\nf\n", "-n '\\,c,,\\,e,p' in.txt", "c\nd\ne\n", 0],
  ["a\nb\nc\nd\ne\nf\n", "-n '2,~4p' in.txt", "b\nc\nd\n", 0],
  ["a\nb\nc\nd\n", "'2!c X' in.txt", "X\nb\nX\nX\n", 0],
  ["a\n", "'1' in.txt", "sed: -e expression #1, char 1: missing command\n", 1],
  ["a\n", "'1,p' in.txt", "sed: -e expression #1, char 3: unexpected `,'\n", 1],
  ["a\n", "-E 's/a(/b/' in.txt", "sed: -e expression #1, char 7: Unmatched ( or \\(\n", 1],
  ["a\n", "'s/a\\(/b/' in.txt", "sed: -e expression #1, char 8: Unmatched ( or \\(\n", 1],
  ["a\n", "'s/[a/b/' in.txt", "sed: -e expression #1, char 7: unterminated `s' command\n", 1],
  ["a\n", "'s/a/b/gx' in.txt", "sed: -e expression #1, char 8: unknown option to `s'\n", 1],
  ["a\n", "'pq' in.txt", "sed: -e expression #1, char 2: extra characters after command\n", 1],
  ["a\n", "'r foo' in.txt", "a\n", 0],
  ["a\n", "'w out' in.txt", "a\n", 0],
  ["a\n", "'s/a/b/w out' in.txt", "b\n", 0],
  ["a\n", "-e in.txt", "", 0],
  ["a\n", "--expression='s/a/Z/' in.txt", "Z\n", 0],
  ["a\n", "-n in.txt", "", 0],
  ["a\nb\n", "-n -e 1p -e '$=' in.txt", "a\n2\n", 0],
  ["a\nb\n", "= in.txt | sed 'N;s/\\n/ /'", "1 a\n2 b\n", 0],
  ["a\n", "s/a/b/ missing.txt; echo $?", "sed: can't read missing.txt: No such file or directory\n2\n", 0],
  ["a\n", "-i s/a/b/ missing.txt; echo $?", "sed: can't read missing.txt: No such file or directory\n2\n", 0],
  ["a b c\n", "'s/ /\\n/g;P;D' in.txt", "a\nb\nc\n", 0],
  ["one\ntwo\n", "'1{h;d};G' in.txt", "two\none\n", 0],
  ["x\n", "'s/x/[&]/;s//again/' in.txt", "[again]\n", 0],
  ["x\n", "'s//y/' in.txt", "sed: -e expression #1, char 0: no previous regular expression\n", 1],
  ["abc\n", "'y/abc/\\n\\tz/' in.txt", "\n\tz\n", 0],
  ["abc\n", "'s/b/\\\n/' in.txt", "a\nc\n", 0],
  ["a\nb\nc\n", "'2{p;p}' in.txt", "a\nb\nb\nb\nc\n", 0],
  ["a\nb\nc\n", "-n '/b/=' in.txt", "2\n", 0],
  ["a\nb\nc\n", "'a\\' in.txt", "a\nb\nc\n", 0],
  ["a\nb\nc\n", "'1a\\\n  two\\\nthree' in.txt", "a\n  two\nthree\nb\nc\n", 0],
  ["a\nb\nc\n", "'$!N;s/\\n/-/' in.txt", "a-b\nc\n", 0],
  ["a\nb\nc\n", "-n '$!{h;d};x;G;p' in.txt", "b\nc\n", 0],
  ["k=v\n", "-E 's/^([^=]+)=(.*)$/\\2=\\1/' in.txt", "v=k\n", 0],
  ["  trim  \n", "-e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' in.txt", "trim\n", 0],
  ["a\nb\nc\n", "-n '2{p;q}' in.txt", "b\n", 0],
  ["a\nb\nc\n", "'/x/,/y/d' in.txt", "a\nb\nc\n", 0],
  ["a\nb\nc\n", "'2,1d' in.txt", "a\nc\n", 0],
  ["a\nb\nc\n", "'/a/,1d' in.txt", "b\nc\n", 0],
  ["a\nb\nc\n", "F in.txt", "in.txt\na\nin.txt\nb\nin.txt\nc\n", 0],
  ["a\nb\nc\n", "z in.txt", "\n\n\n", 0],
  ["AbC\n", "'s/.*/\\L&/' in.txt", "abc\n", 0],
  ["hello\n", "'s/\\(l\\)\\1/LL/' in.txt", "heLLo\n", 0],
  ["a.b\n", "'s/./X/g' in.txt", "XXX\n", 0],
  ["a.b\n", "'s/\\./X/g' in.txt", "aXb\n", 0],
  ["a^b$\n", "'s/\\^/C/;s/\\$/D/' in.txt", "aCbD\n", 0],
  ["a\n", "'}' in.txt", "sed: -e expression #1, char 1: unexpected `}'\n", 1],
  ["a\n", "'{p' in.txt", "sed: -e expression #1, char 0: unmatched `{'\n", 1],
  ["a\n", "-n '/a/I p' in.txt", "a\n", 0],
  ["ab\n", "'s/\\(a\\)\\|b/[\\1]/g' in.txt", "[a][]\n", 0],
  ["a\nb\n", "'w out.txt' in.txt; cat out.txt", "a\nb\na\nb\n", 0],
  ["a\nb\n", "-n '/a/w out.txt' in.txt; cat out.txt", "a\n", 0],
  ["a\nb\n", "'s/a/A/w out.txt' in.txt; cat out.txt", "A\nb\nA\n", 0],
  ["x\n", "'r in.txt' in.txt", "x\nx\n", 0],
  ["x\n", "'r nofile' in.txt", "x\n", 0],
  ["a\nb\n", "'1r in.txt' in.txt", "a\na\nb\nb\n", 0],
  ["a\nb\n", "'w nodir/x' in.txt", "sed: couldn't open file nodir/x: No such file or directory\n", 4],
  ["a\n", "'s/[/]/x/' in.txt", "a\n", 0],
  ["a/b\n", "'s/[/]/x/' in.txt", "axb\n", 0],
  ["a\n", "'v' in.txt", "a\n", 0],
  ["a\n", "-n 'w /dev/stdout' in.txt", "a\n", 0],
  ["a\nb\n", "'$!a\\' in.txt", "a\nb\n", 0],
];

/** printf '%b' text for a file's contents (the cases use letters, punctuation and newlines). */
const printable = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/'/g, "'\\''");

describe("sed, as GNU sed 4.9 runs it", () => {
  it.each(GNU_SED)("in.txt %j: sed %s", async (input, args, output, status) => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, `printf '%b' '${printable(input)}' > in.txt`);
    let out = "";
    const code = await sandbox.exec(`{ sed ${args}; } 2>&1`, (chunk) => {
      out += chunk.text;
    });
    expect(out).toBe(output);
    expect(code).toBe(status);
  });

  it("prints its usage for no script or a bad option, and --help adds where to report bugs", async () => {
    const [none, bad, help] = await run(["sed", "sed -k p", "sed --help"]);
    expect(none!.status).toBe(1);
    expect(none!.stderr).toMatch(
      /^Usage: sed \[OPTION\]\.\.\. \{script-only-if-no-other-script\} \[input-file\]\.\.\.\n\n/,
    );
    expect(none!.stderr.endsWith("General help using GNU software: <https://www.gnu.org/gethelp/>.\n")).toBe(
      true,
    );
    expect(bad).toMatchObject({ status: 1, stderr: `sed: invalid option -- 'k'\n${none!.stderr}` });
    expect(help).toMatchObject({
      status: 0,
      stdout: `${none!.stderr}E-mail bug reports to: <bug-sed@gnu.org>.\n`,
    });
  });

  it("edits a manifest in place, which kubectl then applies", async () => {
    const [, edit, apply, replicas] = await run([
      "kubectl create deployment web --image=nginx:1.27 --replicas=1 --dry-run=client -o yaml > web.yaml",
      "sed -i -e 's/replicas: 1/replicas: 3/' -e 's/nginx:1.27/nginx:1.28/' web.yaml",
      "kubectl apply -f web.yaml",
      "kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'",
    ]);
    expect(edit).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(apply!.stdout).toBe("deployment.apps/web created\n");
    expect(replicas!.stdout).toBe("3 nginx:1.28");
  });

  it("edits the rows of a watch as they come, and stops with it on Ctrl-C", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    await sh(sandbox, "kubectl create deployment web --image=nginx");
    let out = "";
    const stop = new AbortController();
    const running = sandbox.exec(
      "kubectl get pods -w | sed -n 's/^\\(web-[^ ]*\\) .*\\(Running\\).*/\\1 is \\2/p'",
      (chunk) => {
        out += chunk.text;
      },
      stop.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out).toBe("");
    sandbox.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5} is Running\n$/);
    stop.abort();
    expect(await running).toBe(130);
  });

  it("runs in containers, BusyBox's answering --version as BusyBox does", async () => {
    const [, , debian, busybox] = await run([
      "kubectl run web --image=nginx:1.27 && kubectl run bb --image=busybox:1.37 -- sleep 3600",
      "sleep 30",
      "kubectl exec web -- sed -n '/worker_processes/p' /etc/nginx/nginx.conf",
      "kubectl exec bb -- sed --version",
    ]);
    expect(debian!.stdout).toBe("worker_processes  auto;\n");
    expect(busybox!.stdout).toBe("This is not GNU sed version 4.0\n");
  });

  it("stops a script that loops without reading input instead of hanging the tab", async () => {
    expect(await run1("echo x | sed ':a;ba'")).toMatchObject({
      status: 1,
      stderr: "sed: stopped: the script ran a million commands on one line without reading input\n",
    });
  });

  it("leaves any text alone with an empty script, and replaces as String.replaceAll does with s///g", async () => {
    const text = fc
      .array(fc.stringMatching(/^[a-c .*[\]^$\\/&]{0,12}$/), { maxLength: 6 })
      .map((lines) => lines.map((l) => `${l}\n`).join(""));
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        const sandbox = createSandbox({ timeMode: "instant" });
        await sh(sandbox, `printf '%b' '${printable(input)}' > in.txt`);
        expect((await sh(sandbox, "sed '' in.txt")).stdout).toBe(input);
        expect((await sh(sandbox, "sed -n p in.txt")).stdout).toBe(input);
        expect((await sh(sandbox, "sed 's/a/<&>/g' in.txt")).stdout).toBe(input.replaceAll("a", "<a>"));
        expect((await sh(sandbox, "sed -n '$=' in.txt")).stdout).toBe(
          input ? `${input.split("\n").length - 1}\n` : "",
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe("programs an image has that the sandbox does not run yet", () => {
  it("say so instead of claiming the image lacks them", async () => {
    const [, , od, missing] = await run([
      "kubectl run web --image=nginx:1.27",
      "sleep 20",
      "kubectl exec web -- od -c /etc/hostname",
      "kubectl exec web -- nosuchprogram",
    ]);
    expect(od).toMatchObject({
      status: 126,
      stdout: "",
      stderr: "od: not available in this sandbox yet\ncommand terminated with exit code 126\n",
    });
    expect(missing!.stderr).toContain('exec: "nosuchprogram": executable file not found in $PATH');
  });
});

describe("POSIX patterns as grep, sed and awk share them (tools/regex.ts)", () => {
  it("reads [[:space:]] as white space only and a backslash in brackets as itself", async () => {
    const [, classes, backslash] = await run([
      "printf 'trim\\nnt\\n\\\\x\\na b\\n' > f",
      "grep -c '[[:space:]]' f",
      "grep '[\\\\]' f",
    ]);
    expect(classes!.stdout).toBe("1\n");
    expect(backslash!.stdout).toBe("\\x\n");
  });

  it("takes \\1 to \\9 as back-references", async () => {
    expect((await run1("printf 'hello\\nhelo\\n' | grep '\\(l\\)\\1'")).stdout).toBe("hello\n");
    expect((await run1("echo abab | sed -E 's/(ab)\\1/twice/'")).stdout).toBe("twice\n");
  });
});
