/**
 * seq, tr, tee, base64, basename, dirname, tac, expr, yes, rmdir, whoami, nproc, readlink,
 * timeout, md5sum and sha256sum (sandbox/engine/tools) against GNU coreutils 9.1.
 * Every case's output (stdout and stderr together) and exit status were recorded from coreutils
 * 9.1 as Debian bookworm ships it, running `{ LINE\n} 2>&1` under bash in the C locale in /tmp/rec,
 * whose in.txt holds the input; the sandbox runs the same line in the same place and must print
 * the same bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { run, run1, sh } from "../helpers.ts";

/** [in.txt, the command line, what GNU coreutils printed, its exit status]. */
const GNU_COREUTILS: [string, string, string, number][] = [
  ["", "seq 3", "1\n2\n3\n", 0],
  ["", "seq 2 5", "2\n3\n4\n5\n", 0],
  ["", "seq 1 2 10", "1\n3\n5\n7\n9\n", 0],
  ["", "seq 5 -1 1", "5\n4\n3\n2\n1\n", 0],
  ["", "seq 0", "", 0],
  ["", "seq 3 1", "", 0],
  ["", "seq -w 8 10", "08\n09\n10\n", 0],
  ["", "seq -s , 3", "1,2,3\n", 0],
  ["", "seq -s ', ' 1 3", "1, 2, 3\n", 0],
  ["", "seq -f '%03g' 3", "001\n002\n003\n", 0],
  ["", "seq -f 'x%gy' 2", "x1y\nx2y\n", 0],
  ["", "seq 1.5 3", "1.5\n2.5\n", 0],
  ["", "seq 0.1 0.1 0.5", "0.1\n0.2\n0.3\n0.4\n0.5\n", 0],
  ["", "seq 1 0.5 3", "1.0\n1.5\n2.0\n2.5\n3.0\n", 0],
  ["", "seq", "seq: missing operand\nTry 'seq --help' for more information.\n", 1],
  ["", "seq 1 2 3 4", "seq: extra operand '4'\nTry 'seq --help' for more information.\n", 1],
  ["", "seq a", "seq: invalid floating point argument: 'a'\nTry 'seq --help' for more information.\n", 1],
  ["", "seq 1 0 3", "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n", 1],
  ["", "seq -f %d 3", "seq: format '%d' has unknown %d directive\n", 1],
  ["", "seq -x", "seq: invalid option -- 'x'\nTry 'seq --help' for more information.\n", 1],
  ["", "seq -1 1", "-1\n0\n1\n", 0],
  ["", "seq -s '' 3", "123\n", 0],
  ["", "seq 1e3 1e3", "1000\n", 0],
  ["", "seq 1 -1", "", 0],
  ["", "seq 2 -1 -1", "2\n1\n0\n-1\n", 0],
  ["", "seq -w -1 1", "-1\n00\n01\n", 0],
  ["", "seq -s '\\n' 2", "1\\n2\n", 0],
  ["", "seq --separator=: 3", "1:2:3\n", 0],
  ["", "seq --equal-width 9 11", "09\n10\n11\n", 0],
  ["", "seq --format='%.2f' 1 2", "1.00\n2.00\n", 0],
  [
    "",
    "seq 1e2",
    "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n31\n32\n33\n34\n35\n36\n37\n38\n39\n40\n41\n42\n43\n44\n45\n46\n47\n48\n49\n50\n51\n52\n53\n54\n55\n56\n57\n58\n59\n60\n61\n62\n63\n64\n65\n66\n67\n68\n69\n70\n71\n72\n73\n74\n75\n76\n77\n78\n79\n80\n81\n82\n83\n84\n85\n86\n87\n88\n89\n90\n91\n92\n93\n94\n95\n96\n97\n98\n99\n100\n",
    0,
  ],
  ["", "seq 999999 1000001", "999999\n1000000\n1000001\n", 0],
  ["", "seq 3 | wc -l", "3\n", 0],
  ["", "seq 0 2 | tac", "2\n1\n0\n", 0],
  ["", "seq -f '%e' 1 2", "1.000000e+00\n2.000000e+00\n", 0],
  ["", "seq -f 'a%%b%g' 1", "a%b1\n", 0],
  ["", "seq -f 'nothing' 1", "seq: format 'nothing' has no % directive\n", 1],
  ["", "seq -f '%g%g' 1", "seq: format '%g%g' has too many % directives\n", 1],
  ["", "seq 1.0 3", "1.0\n2.0\n3.0\n", 0],
  ["", "seq 1 1.0 3", "1.0\n2.0\n3.0\n", 0],
  ["", "seq 10 -3 1", "10\n7\n4\n1\n", 0],
  ["", "seq -w 1 10 | head -2", "01\n02\n", 0],
  ["", "seq -w 0.5 1.5", "0.5\n1.5\n", 0],
  ["", "seq 1 '' 3", "seq: invalid floating point argument: ''\nTry 'seq --help' for more information.\n", 1],
  [
    "",
    "seq 1 nan",
    "seq: invalid 'not-a-number' argument: 'nan'\nTry 'seq --help' for more information.\n",
    1,
  ],
  ["", "seq 0x10 0x12", "16\n17\n18\n", 0],
  ["", "seq 5 | tail -n 1", "5\n", 0],
  ["", "seq -- 2", "1\n2\n", 0],
  ["", "seq 1 2.50 7", "1.00\n3.50\n6.00\n", 0],
  ["", "seq 100000 100002", "100000\n100001\n100002\n", 0],
  ["", "seq 0 0.25 1", "0.00\n0.25\n0.50\n0.75\n1.00\n", 0],
  ["", "seq -s, -w 9 11", "09,10,11\n", 0],
  ["", "seq -f '%5g' 9 10", "    9\n   10\n", 0],
  ["", "seq -f '%-3g|' 1 2", "1  |\n2  |\n", 0],
  ["", "seq -f '%x' 1", "seq: format '%x' has unknown %x directive\n", 1],
  ["", "seq 1 2 2", "1\n", 0],
  ["", "seq 1 -0.5 0", "1.0\n0.5\n0.0\n", 0],
  ["hello world\n", "tr a-z A-Z < in.txt", "HELLO WORLD\n", 0],
  ["hello world\n", "tr -d l < in.txt", "heo word\n", 0],
  ["a   b  c\n", "tr -s ' ' < in.txt", "a b c\n", 0],
  ["a\nb\nc\n", "tr -d '\\n' < in.txt", "abc", 0],
  ["a\nb\nc\n", "tr '\\n' , < in.txt", "a,b,c,", 0],
  ["Hello, World 42!\n", "tr -c 'a-z\\n' _ < in.txt", "_ello___orld____\n", 0],
  ["Hello, World 42!\n", "tr -cd 'a-z' < in.txt", "elloorld", 0],
  ["aabbccdd\n", "tr -s a-z < in.txt", "abcd\n", 0],
  ["abcd\n", "tr abc x < in.txt", "xxxd\n", 0],
  ["abcd\n", "tr -t abc xy < in.txt", "xycd\n", 0],
  ["hello world\n", "tr '[:lower:]' '[:upper:]' < in.txt", "HELLO WORLD\n", 0],
  ["HeLLo\n", "tr '[:upper:]' '[:lower:]' < in.txt", "hello\n", 0],
  ["a1b2c3\n", "tr -d '[:digit:]' < in.txt", "abc\n", 0],
  ["a b\tc\n", "tr -d '[:space:]' < in.txt", "abc", 0],
  ["a b c\n", "tr '[:space:]' '\\n' < in.txt", "a\nb\nc\n", 0],
  ["a\tb\n", "tr '\\t' ' ' < in.txt", "a b\n", 0],
  ["a\r\nb\r\n", "tr -d '\\r' < in.txt", "a\nb\n", 0],
  ["Hello\n", "tr a-zA-Z n-za-mN-ZA-M < in.txt", "Uryyb\n", 0],
  ["a\n\n\nb\n", "tr -s '\\n' < in.txt", "a\nb\n", 0],
  ["", "tr", "tr: missing operand\nTry 'tr --help' for more information.\n", 1],
  [
    "",
    "tr a",
    "tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    1,
  ],
  [
    "",
    "tr -d a b",
    "tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n",
    1,
  ],
  ["", "tr -x", "tr: invalid option -- 'x'\nTry 'tr --help' for more information.\n", 1],
  ["", "tr z-a x", "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", 1],
  ["", "tr a b c", "tr: extra operand 'c'\nTry 'tr --help' for more information.\n", 1],
  ["abc\n", "tr -ds a b < in.txt", "bc\n", 0],
  ["a\\b\n", "tr '\\\\' / < in.txt", "a/b\n", 0],
  ["ABC\n", "tr '\\101' x < in.txt", "xBC\n", 0],
  ["a.b\n", "tr . _ < in.txt", "a_b\n", 0],
  ["abca\n", "tr '[=a=]' x < in.txt", "xbcx\n", 0],
  ["abc\n", "tr -c a x < in.txt", "axxx", 0],
  ["abc\n", "tr a '' < in.txt", "tr: when not truncating set1, string2 must be non-empty\n", 1],
  ["a=b==\n", "tr -d = < in.txt", "ab\n", 0],
  ["abc\n", "tr '[a*]' x < in.txt", "tr: the [c*] repeat construct may not appear in string1\n", 1],
  ["abcdef\n", "tr a-f '[x*]' < in.txt", "xxxxxx\n", 0],
  ["abcdef\n", "tr a-f 'xy[z*2]w' < in.txt", "xyzzww\n", 0],
  ["abc\n", "tr 'a' '[:upper:]' < in.txt", "tr: misaligned [:upper:] and/or [:lower:] construct\n", 1],
  ["aXb\n", "tr -s '[:upper:]' < in.txt", "aXb\n", 0],
  ["abc-\n", "tr 'a-' 'xy' < in.txt", "xbcy\n", 0],
  ["abc\n", "tr -d 'a-' < in.txt", "bc\n", 0],
  ["x\n", "tr '[:foo:]' a < in.txt", "tr: invalid character class 'foo'\n", 1],
  ["abc\n", "tr -s ab xy < in.txt", "xyc\n", 0],
  ["aabbcc\n", "tr -s ab xy < in.txt", "xycc\n", 0],
  ["one two\n", "tr -cs 'a-z' '\\n' < in.txt", "one\ntwo\n", 0],
  ["abc\n", "tr -d < in.txt", "tr: missing operand\nTry 'tr --help' for more information.\n", 1],
  ["x y\n", "tr ' ' '\\012' < in.txt", "x\ny\n", 0],
  ["hi\n", "tr 'h' '\\q' < in.txt", "qi\n", 0],
  [
    "abc\n",
    "tr abc 'a\\' < in.txt",
    "tr: warning: an unescaped backslash at end of string is not portable\na\\\\\n",
    0,
  ],
  ["abc\n", "tr a-c '[x*99999999]' < in.txt", "xxx\n", 0],
  ["abcc\n", "tr -s a-c 'x[y*999999999]z' < in.txt", "xy\n", 0],
  ["abc\n", "tr ab 'x[y*0]' < in.txt", "xyc\n", 0],
  ["abc\n", "tr a '[b*08]' < in.txt", "tr: invalid repeat count '08' in [c*n] construct\n", 1],
  ["abcdefghij\n", "tr a-j '[x*010]' < in.txt", "xxxxxxxxxx\n", 0],
  ["", "echo hi | tee out.txt; cat out.txt", "hi\nhi\n", 0],
  ["old\n", "echo new | tee -a in.txt; cat in.txt", "new\nold\nnew\n", 0],
  ["", "echo x | tee f1 f2; cat f1 f2", "x\nx\nx\n", 0],
  ["", "echo x | tee nodir/x; echo $?", "tee: nodir/x: No such file or directory\nx\n1\n", 0],
  ["", "echo x | tee", "x\n", 0],
  ["", "echo x | tee -x", "tee: invalid option -- 'x'\nTry 'tee --help' for more information.\n", 1],
  ["", "mkdir d; echo x | tee d; echo $?", "tee: d: Is a directory\nx\n1\n", 0],
  ["", "echo x | tee -; echo", "x\n\n", 0],
  ["", "echo x | tee --append out; cat out", "x\nx\n", 0],
  ["", "echo x | tee -i -p out; cat out", "x\nx\n", 0],
  ["old\n", "echo new | tee in.txt >/dev/null; cat in.txt", "new\n", 0],
  ["hello world\n", "base64 in.txt", "aGVsbG8gd29ybGQK\n", 0],
  ["hello world\n", "base64 < in.txt", "aGVsbG8gd29ybGQK\n", 0],
  ["", "echo aGVsbG8gd29ybGQK | base64 -d", "hello world\n", 0],
  ["", "echo aGVsbG8gd29ybGQK | base64 --decode", "hello world\n", 0],
  ["", "printf admin | base64", "YWRtaW4=\n", 0],
  ["", "echo cGFzc3dvcmQ= | base64 -d; echo", "password\n", 0],
  ["", 'echo aGVsbG8 | base64 -d; echo " $?"', "hellobase64: invalid input\n 1\n", 0],
  ["", "echo 'aGVs bG8=' | base64 -d; echo \" $?\"", "helbase64: invalid input\n 1\n", 0],
  ["", "echo 'aGVs!bG8=' | base64 -di; echo \" $?\"", "hello 0\n", 0],
  ["", "printf 'aGVs\\nbG8=\\n' | base64 -d", "hello", 0],
  [
    "",
    "seq 40 | base64",
    "MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK\nMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAKMzEKMzIKMzMKMzQKMzUKMzYKMzcKMzgKMzkKNDAK\n",
    0,
  ],
  [
    "",
    "seq 40 | base64 -w 0",
    "MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIKMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAKMzEKMzIKMzMKMzQKMzUKMzYKMzcKMzgKMzkKNDAK",
    0,
  ],
  ["", "seq 5 | base64 -w 10", "MQoyCjMKNA\no1Cg==\n", 0],
  ["", "base64 nosuch", "base64: nosuch: No such file or directory\n", 1],
  ["", "base64 a b", "base64: extra operand 'b'\nTry 'base64 --help' for more information.\n", 1],
  ["", "base64 -w x", "base64: invalid wrap size: 'x'\n", 1],
  ["", "printf '' | base64", "", 0],
  ["", "base64 -x", "base64: invalid option -- 'x'\nTry 'base64 --help' for more information.\n", 1],
  ["", "echo hi | base64 -w0", "aGkK", 0],
  ["", "echo hi | base64 --wrap=4", "aGkK\n", 0],
  ["", "printf a | base64", "YQ==\n", 0],
  ["", "printf ab | base64", "YWI=\n", 0],
  ["", "echo YQ== | base64 -d", "a", 0],
  ["", 'echo YQ | base64 -d; echo " $?"', "abase64: invalid input\n 1\n", 0],
  ["", "echo 'YQ==YQ==' | base64 -d; echo \" $?\"", "aa 0\n", 0],
  ["", "printf été | base64", "w6l0w6k=\n", 0],
  ["", "echo w6l0w6k= | base64 -d", "été", 0],
  ["", 'echo Y | base64 -d; echo " $?"', "base64: invalid input\n 1\n", 0],
  ["", "echo 'YWJj=' | base64 -d; echo \" $?\"", "abcbase64: invalid input\n 1\n", 0],
  ["", "echo '====' | base64 -d; echo \" $?\"", "base64: invalid input\n 1\n", 0],
  ["", "echo -n '' | base64 -d; echo \" $?\"", " 0\n", 0],
  ["", 'echo YWJjZA= | base64 -d; echo " $?"', "abcdbase64: invalid input\n 1\n", 0],
  ["", "echo 'Y W J j' | base64 -d; echo \" $?\"", "base64: invalid input\n 1\n", 0],
  ["", "mkdir d; base64 d", "base64: read error: Is a directory\n", 1],
  ["", "basename /a/b/c.txt", "c.txt\n", 0],
  ["", "basename /a/b/c.txt .txt", "c\n", 0],
  ["", "basename -s .txt a.txt b.txt", "a\nb\n", 0],
  ["", "basename -a x/y z/w", "y\nw\n", 0],
  ["", "basename /", "/\n", 0],
  ["", "basename //", "/\n", 0],
  ["", "basename a/", "a\n", 0],
  ["", "basename ''", "\n", 0],
  ["", "basename", "basename: missing operand\nTry 'basename --help' for more information.\n", 1],
  ["", "basename a b c", "basename: extra operand 'c'\nTry 'basename --help' for more information.\n", 1],
  ["", "basename -z a; echo", "a\u0000\n", 0],
  ["", "basename .txt .txt", ".txt\n", 0],
  ["", "basename x/ ''", "x\n", 0],
  ["", "basename -- -a.b .b", "-a\n", 0],
  ["", "basename a//b///", "b\n", 0],
  ["", "basename --suffix=.yaml /x/web.yaml", "web\n", 0],
  ["", "basename -x", "basename: invalid option -- 'x'\nTry 'basename --help' for more information.\n", 1],
  ["", "basename /usr/", "usr\n", 0],
  ["", "basename 'a b/c d'", "c d\n", 0],
  ["", "basename -a", "basename: missing operand\nTry 'basename --help' for more information.\n", 1],
  ["", "dirname /a/b/c", "/a/b\n", 0],
  ["", "dirname a", ".\n", 0],
  ["", "dirname /", "/\n", 0],
  ["", "dirname a/b/", "a\n", 0],
  ["", "dirname //a", "/\n", 0],
  ["", "dirname a b", ".\n.\n", 0],
  ["", "dirname", "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1],
  ["", "dirname ''", ".\n", 0],
  ["", "dirname -z a/b; echo", "a\u0000\n", 0],
  ["", "dirname /a//b//", "/a\n", 0],
  ["", "dirname //", "/\n", 0],
  ["", "dirname ///a", "/\n", 0],
  ["", "dirname a/b/c/d.txt", "a/b/c\n", 0],
  ["", "dirname -x", "dirname: invalid option -- 'x'\nTry 'dirname --help' for more information.\n", 1],
  ["", "dirname ./x", ".\n", 0],
  ["", "dirname ../x/", "..\n", 0],
  ["a\nb\nc\n", "tac in.txt", "c\nb\na\n", 0],
  ["a\nb\nc\n", "tac < in.txt", "c\nb\na\n", 0],
  ["a\nb", "tac in.txt", "ba\n", 0],
  ["a\nb\n", "tac in.txt in.txt", "b\na\nb\na\n", 0],
  ["", "tac nosuch; echo $?", "tac: failed to open 'nosuch' for reading: No such file or directory\n1\n", 0],
  ["", "tac in.txt", "", 0],
  ["a,b,c,", "tac -s , in.txt", "c,b,a,", 0],
  ["a,b,c", "tac -s , in.txt", "cb,a,", 0],
  ["a\nb\n", "tac -b in.txt", "\n\nba", 0],
  ["", "tac -x", "tac: invalid option -- 'x'\nTry 'tac --help' for more information.\n", 1],
  ["\n\n", "tac in.txt", "\n\n", 0],
  ["", "mkdir d; tac d; echo $?", "tac: d: read error: Invalid argument\n1\n", 0],
  ["a\nb\n", "cat in.txt | tac - in.txt", "b\na\nb\na\n", 0],
  ["", "expr 1 + 2", "3\n", 0],
  ["", "expr 5 - 7", "-2\n", 0],
  ["", "expr 3 \\* 4", "12\n", 0],
  ["", "expr 7 / 2", "3\n", 0],
  ["", "expr 7 % 3", "1\n", 0],
  ["", "expr -7 / 2", "-3\n", 0],
  ["", "expr -7 % 3", "-1\n", 0],
  ["", "expr 1 / 0", "expr: division by zero\n", 2],
  ["", "expr 1 % 0", "expr: division by zero\n", 2],
  ["", "expr 1 = 1", "1\n", 0],
  ["", "expr 2 \\> 1", "1\n", 0],
  ["", "expr a \\< b", "1\n", 0],
  ["", "expr 10 \\< 9", "0\n", 1],
  ["", "expr 10 \\< abc", "1\n", 0],
  ["", "expr 0", "0\n", 1],
  ["", "expr ''", "\n", 1],
  ["", "expr length hello", "5\n", 0],
  ["", "expr substr hello 2 3", "ell\n", 0],
  ["", "expr index hello l", "3\n", 0],
  ["", "expr match hello 'h.*'", "5\n", 0],
  ["", "expr hello : 'h\\(.*\\)'", "ello\n", 0],
  ["", "expr hello : x", "0\n", 1],
  ["", "expr hello : 'x\\(.*\\)'", "\n", 1],
  ["", "expr 1 + a", "expr: non-integer argument\n", 2],
  ["", "expr 1 +", "expr: syntax error: missing argument after '+'\n", 2],
  ["", "expr 1 2", "expr: syntax error: unexpected argument '2'\n", 2],
  ["", "expr \\( 1 + 2 \\) \\* 3", "9\n", 0],
  ["", "expr 5 \\& 0", "0\n", 1],
  ["", "expr 5 \\& 3", "5\n", 0],
  ["", "expr 0 \\| 3", "3\n", 0],
  ["", "expr '' \\| 0", "0\n", 1],
  ["", "expr 10 \\>= 10", "1\n", 0],
  ["", "expr abc != abd", "1\n", 0],
  ["", "expr 99999999999999999999 + 1", "100000000000000000000\n", 0],
  ["", "expr -5 + 2", "-3\n", 0],
  ["", "expr 1 + 2 \\* 3", "7\n", 0],
  ["", "expr 007 + 1", "8\n", 0],
  ["", "expr ' 1' + 1", "expr: non-integer argument\n", 2],
  ["", "expr + hello", "hello\n", 0],
  ["", "expr \\( 1", "expr: syntax error: expecting ')' after '1'\n", 2],
  ["", "expr 1 \\)", "expr: syntax error: unexpected argument ')'\n", 2],
  ["", "expr substr hello 0 2", "\n", 1],
  ["", "expr substr hello 4 10", "lo\n", 0],
  ["", "expr index hello xyz", "0\n", 1],
  ["", "expr length ''", "0\n", 1],
  ["", "expr 2 \\<= 10", "1\n", 0],
  ["", "expr abc : 'a.'", "2\n", 0],
  ["", "expr web-2 : 'web-\\([0-9]*\\)'", "2\n", 0],
  ["", "expr 3 - 1 - 1", "1\n", 0],
  ["", "expr 8 / 2 / 2", "2\n", 0],
  ["", "expr 1 == 1", "1\n", 0],
  ["", "expr a = a = 1", "1\n", 0],
  ["", "i=0; i=$(expr $i + 1); echo $i", "1\n", 0],
  ["", "expr 1 + 1; echo $?", "2\n0\n", 0],
  ["", "expr 1 - 1; echo $?", "0\n1\n", 0],
  ["", "expr -- 5", "5\n", 0],
  ["", "expr 'a b' : 'a'", "1\n", 0],
  ["", "expr 5 \\* a", "expr: non-integer argument\n", 2],
  ["", "expr abc : '\\(x\\)*'", "\n", 1],
  ["", "expr x : '*x'", "0\n", 1],
  ["", "expr aaa : 'a\\{2\\}'", "2\n", 0],
  ["", "expr abc : 'a[bc]*'", "3\n", 0],
  ["", "yes | head -3", "y\ny\ny\n", 0],
  ["", "yes hello world | head -2", "hello world\nhello world\n", 0],
  ["", "yes -- -x | head -1", "-x\n", 0],
  ["", "yes '' | head -2 | wc -l", "2\n", 0],
  ["", "yes a b | head -n 2", "a b\na b\n", 0],
  ["", "mkdir d; rmdir d; ls -1", "in.txt\n", 0],
  ["", "mkdir d; touch d/f; rmdir d; echo $?", "rmdir: failed to remove 'd': Directory not empty\n1\n", 0],
  ["", "rmdir missing; echo $?", "rmdir: failed to remove 'missing': No such file or directory\n1\n", 0],
  ["", "rmdir in.txt; echo $?", "rmdir: failed to remove 'in.txt': Not a directory\n1\n", 0],
  ["", "mkdir -p a/b/c; rmdir -p a/b/c; ls -1", "in.txt\n", 0],
  ["", "rmdir", "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", 1],
  ["", "mkdir d; touch d/f; rmdir --ignore-fail-on-non-empty d; echo $?", "0\n", 0],
  ["", "mkdir d; rmdir -v d", "rmdir: removing directory, 'd'\n", 0],
  [
    "",
    "mkdir -p a/b/c; rmdir -pv a/b/c",
    "rmdir: removing directory, 'a/b/c'\nrmdir: removing directory, 'a/b'\nrmdir: removing directory, 'a'\n",
    0,
  ],
  ["", "rmdir -x", "rmdir: invalid option -- 'x'\nTry 'rmdir --help' for more information.\n", 1],
  [
    "",
    "mkdir -p a/b; touch a/f; rmdir -p a/b; echo $?; ls -1",
    "rmdir: failed to remove directory 'a': Directory not empty\n1\na\nin.txt\n",
    0,
  ],
  [
    "",
    "mkdir d e; rmdir d e missing; echo $?; ls -1",
    "rmdir: failed to remove 'missing': No such file or directory\n1\nin.txt\n",
    0,
  ],
  ["", "rmdir .", "rmdir: failed to remove '.': Invalid argument\n", 1],
  ["", "mkdir d; rmdir d/", "", 0],
  ["", "whoami x", "whoami: extra operand 'x'\nTry 'whoami --help' for more information.\n", 1],
  ["", "whoami -x", "whoami: invalid option -- 'x'\nTry 'whoami --help' for more information.\n", 1],
  ["", "nproc x", "nproc: extra operand 'x'\nTry 'nproc --help' for more information.\n", 1],
  ["", "nproc --ignore=x", "nproc: invalid number: 'x'\n", 1],
  ["", "readlink -f in.txt", "/tmp/rec/in.txt\n", 0],
  ["", "readlink -f nosuch", "/tmp/rec/nosuch\n", 0],
  ["", "readlink -f a/b/c; echo $?", "1\n", 0],
  ["", "readlink in.txt; echo $?", "1\n", 0],
  ["", "readlink", "readlink: missing operand\nTry 'readlink --help' for more information.\n", 1],
  ["", "readlink -f .", "/tmp/rec\n", 0],
  ["", "readlink -f ../rec/./in.txt", "/tmp/rec/in.txt\n", 0],
  ["", "readlink -e nosuch; echo $?", "1\n", 0],
  ["", "readlink -m a/b/../c", "/tmp/rec/a/c\n", 0],
  ["", "readlink -n -f .", "/tmp/rec", 0],
  ["", "readlink -f in.txt/x; echo $?", "1\n", 0],
  ["", "readlink -f /", "/\n", 0],
  ["", "readlink -f //tmp//rec/", "/tmp/rec\n", 0],
  ["", "readlink -f in.txt .", "/tmp/rec/in.txt\n/tmp/rec\n", 0],
  ["", "readlink -e in.txt", "/tmp/rec/in.txt\n", 0],
  ["", "readlink -f ''; echo $?", "1\n", 0],
  ["", "readlink -x", "readlink: invalid option -- 'x'\nTry 'readlink --help' for more information.\n", 1],
  ["", "readlink -v in.txt; echo $?", "readlink: in.txt: Invalid argument\n1\n", 0],
  ["", "readlink -fv nosuch/x; echo $?", "readlink: nosuch/x: No such file or directory\n1\n", 0],
  ["", "readlink -f -z in.txt; echo", "/tmp/rec/in.txt\u0000\n", 0],
  ["", "timeout 1 sleep 5; echo $?", "124\n", 0],
  ["", "timeout 5 sleep 1; echo $?", "0\n", 0],
  ["", "timeout 5 false; echo $?", "1\n", 0],
  ["", "timeout 1s sleep 2; echo $?", "124\n", 0],
  ["", "timeout 0 sleep 1; echo $?", "0\n", 0],
  [
    "",
    "timeout x sleep 1; echo $?",
    "timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n125\n",
    0,
  ],
  ["", "timeout 1; echo $?", "Try 'timeout --help' for more information.\n125\n", 0],
  ["", "timeout; echo $?", "Try 'timeout --help' for more information.\n125\n", 0],
  [
    "",
    "timeout 1 nosuch; echo $?",
    "timeout: failed to run command 'nosuch': No such file or directory\n127\n",
    0,
  ],
  ["", "timeout --preserve-status 1 sleep 5; echo $?", "143\n", 0],
  ["", "timeout -k 1 1 sleep 5; echo $?", "124\n", 0],
  ["", "timeout 2 sh -c 'echo a; sleep 5; echo b'; echo $?", "a\n124\n", 0],
  ["", "timeout -v 1 sleep 5; echo $?", "timeout: sending signal TERM to command 'sleep'\n124\n", 0],
  ["", "timeout 0.5 sleep 1; echo $?", "124\n", 0],
  ["", "timeout 1m sleep 1; echo $?", "0\n", 0],
  ["", "timeout 1 cd /; echo $?", "timeout: failed to run command 'cd': No such file or directory\n127\n", 0],
  [
    "",
    "timeout -s FOO 1 sleep 2; echo $?",
    "timeout: 'FOO': invalid signal\nTry 'timeout --help' for more information.\n125\n",
    0,
  ],
  [
    "",
    "timeout -x 1 sleep 2; echo $?",
    "timeout: invalid option -- 'x'\nTry 'timeout --help' for more information.\n125\n",
    0,
  ],
  ["", "timeout 5 sh -c 'exit 3'; echo $?", "3\n", 0],
  ["", "timeout -s INT 1 sleep 5; echo $?", "124\n", 0],
  ["", "timeout 1d echo hi", "hi\n", 0],
  [
    "",
    "timeout -1 sleep 1; echo $?",
    "timeout: invalid option -- '1'\nTry 'timeout --help' for more information.\n125\n",
    0,
  ],
  ["", "echo hi | timeout 5 cat", "hi\n", 0],
  [
    "",
    "timeout 1 in.txt; echo $?",
    "timeout: failed to run command 'in.txt': No such file or directory\n127\n",
    0,
  ],
  ["hello\n", "md5sum in.txt", "b1946ac92492d2347c6235b4d2611184  in.txt\n", 0],
  [
    "hello\n",
    "sha256sum in.txt",
    "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  in.txt\n",
    0,
  ],
  ["hello\n", "md5sum < in.txt", "b1946ac92492d2347c6235b4d2611184  -\n", 0],
  [
    "hello\n",
    "cat in.txt | sha256sum -",
    "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\n",
    0,
  ],
  ["", "md5sum in.txt", "d41d8cd98f00b204e9800998ecf8427e  in.txt\n", 0],
  [
    "a\n",
    "md5sum in.txt in.txt",
    "60b725f10c9c85c70d97880dfe8191b3  in.txt\n60b725f10c9c85c70d97880dfe8191b3  in.txt\n",
    0,
  ],
  ["", "md5sum nosuch; echo $?", "md5sum: nosuch: No such file or directory\n1\n", 0],
  [
    "a\n",
    "sha256sum nosuch in.txt; echo $?",
    "sha256sum: nosuch: No such file or directory\n87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  in.txt\n1\n",
    0,
  ],
  ["", "mkdir d; md5sum d; echo $?", "md5sum: d: Is a directory\n1\n", 0],
  ["a\n", "md5sum -b in.txt", "60b725f10c9c85c70d97880dfe8191b3 *in.txt\n", 0],
  ["a\n", "md5sum --tag in.txt", "MD5 (in.txt) = 60b725f10c9c85c70d97880dfe8191b3\n", 0],
  [
    "a\n",
    "sha256sum --tag in.txt",
    "SHA256 (in.txt) = 87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7\n",
    0,
  ],
  ["a\n", "md5sum -x", "md5sum: invalid option -- 'x'\nTry 'md5sum --help' for more information.\n", 1],
  ["a\n", "md5sum in.txt > sums; md5sum -c sums; echo $?", "in.txt: OK\n0\n", 0],
  [
    "a\n",
    "md5sum in.txt > sums; echo b > in.txt; md5sum -c sums; echo $?",
    "in.txt: FAILED\nmd5sum: WARNING: 1 computed checksum did NOT match\n1\n",
    0,
  ],
  ["a\n", "sha256sum in.txt > sums; sha256sum --check sums", "in.txt: OK\n", 0],
  ["a\n", "md5sum in.txt > sums; md5sum -c --quiet sums; echo $?", "0\n", 0],
  [
    "a\n",
    "md5sum in.txt > sums; rm in.txt; md5sum -c sums; echo $?",
    "md5sum: in.txt: No such file or directory\nin.txt: FAILED open or read\nmd5sum: WARNING: 1 listed file could not be read\n1\n",
    0,
  ],
  [
    "a\n",
    "echo garbage > sums; md5sum -c sums; echo $?",
    "md5sum: sums: no properly formatted checksum lines found\n1\n",
    0,
  ],
  ["a\n", "md5sum in.txt > sums; echo b > in.txt; md5sum -c --status sums; echo $?", "1\n", 0],
  [
    "a\n",
    "md5sum in.txt > sums; echo junk >> sums; md5sum -c sums; echo $?",
    "in.txt: OK\nmd5sum: WARNING: 1 line is improperly formatted\n0\n",
    0,
  ],
  [
    "a\n",
    "md5sum in.txt > sums; echo junk >> sums; md5sum -c -w sums; echo $?",
    "in.txt: OK\nmd5sum: sums: 2: improperly formatted MD5 checksum line\nmd5sum: WARNING: 1 line is improperly formatted\n0\n",
    0,
  ],
  ["été\n", "md5sum in.txt", "2c392b077cb76c7f3d33d156372ea9e9  in.txt\n", 0],
  ["", "echo -n '' | sha256sum", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n", 0],
  [
    "a\n",
    "printf 'x' | md5sum in.txt -",
    "60b725f10c9c85c70d97880dfe8191b3  in.txt\n9dd4e461268c8034f5c8564e155c67a6  -\n",
    0,
  ],
  [
    "a\n",
    "md5sum -c; echo $?",
    "md5sum: 'standard input': no properly formatted checksum lines found\n1\n",
    0,
  ],
  ["a\n", "md5sum --tag in.txt > sums; md5sum -c sums", "in.txt: OK\n", 0],
];

/** printf '%b' text for a file's contents. */
const printable = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/'/g, "'\\''");

/** Runs `line` in /tmp/rec of a fresh sandbox whose in.txt holds `input`: stdout and stderr together. */
async function recorded(input: string, line: string) {
  const sandbox = createSandbox({ timeMode: "instant" });
  await sh(sandbox, `mkdir -p /tmp/rec && cd /tmp/rec && printf '%b' '${printable(input)}' > in.txt`);
  let out = "";
  const status = await sandbox.exec(`{ ${line}\n} 2>&1`, (chunk) => {
    out += chunk.text;
  });
  return { out, status };
}

describe("coreutils, as GNU coreutils 9.1 runs them", () => {
  it.each(GNU_COREUTILS)("in.txt %j: %s", async (input, line, output, status) => {
    expect(await recorded(input, line)).toEqual({ out: output, status });
  });
});

/** A shell word that is `text` exactly (single quotes, each ' spelled '\''). */
const word = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

describe("coreutils' invariants", () => {
  const sandbox = createSandbox({ timeMode: "instant" });
  const text = fc.string({ unit: "binary", maxLength: 120, size: "max" }).filter((s) => !s.includes("\0"));

  it("base64 encodes UTF-8 as Node's Buffer does, wrapped at 76, and base64 -d undoes it", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        await sh(sandbox, `printf '%s' ${word(s)} > in.txt`);
        const encoded = Buffer.from(s, "utf8").toString("base64");
        const wrapped = encoded === "" ? "" : `${encoded.match(/.{1,76}/g)!.join("\n")}\n`;
        expect(await sh(sandbox, "base64 in.txt")).toEqual({ stdout: wrapped, stderr: "", status: 0 });
        expect(await sh(sandbox, "base64 -w 0 in.txt | base64 -d")).toEqual({
          stdout: s,
          stderr: "",
          status: 0,
        });
      }),
      { numRuns: 60 },
    );
  });

  it("md5sum and sha256sum give Node's crypto digests of the file's UTF-8 bytes", async () => {
    const { createHash } = await import("node:crypto");
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        await sh(sandbox, `printf '%s' ${word(s)} > in.txt`);
        const hex = (algorithm: string) => createHash(algorithm).update(s, "utf8").digest("hex");
        expect((await sh(sandbox, "md5sum in.txt; sha256sum < in.txt")).stdout).toBe(
          `${hex("md5")}  in.txt\n${hex("sha256")}  -\n`,
        );
      }),
      { numRuns: 40 },
    );
  });

  it("seq A B prints B-A+1 lines counting up, and -s joins them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), async (a, b) => {
        const count = Math.max(0, b - a + 1);
        expect((await sh(sandbox, `seq ${a} ${b} | wc -l`)).stdout).toBe(`${count}\n`);
        const numbers = Array.from({ length: count }, (_, i) => a + i);
        expect((await sh(sandbox, `seq -s ' ' -- ${a} ${b}`)).stdout).toBe(
          count ? `${numbers.join(" ")}\n` : "",
        );
      }),
      { numRuns: 40 },
    );
  });

  it("tr a-z A-Z is toUpperCase on ASCII, and tr -d of a set leaves none of it", async () => {
    const ascii = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)) });
    await fc.assert(
      fc.asyncProperty(ascii, async (s) => {
        await sh(sandbox, `printf '%s\\n' ${word(s)} > in.txt`);
        expect((await sh(sandbox, "tr a-z A-Z < in.txt")).stdout).toBe(`${s.toUpperCase()}\n`);
        expect((await sh(sandbox, "tr -d '[:digit:] ' < in.txt")).stdout).toBe(
          `${s.replace(/[0-9 ]/g, "")}\n`,
        );
        expect((await sh(sandbox, "tr -s x < in.txt")).stdout).toBe(`${s.replace(/x+/g, "x")}\n`);
      }),
      { numRuns: 40 },
    );
  });

  it("tac reverses the lines, so tac twice gives the text back", async () => {
    const lines = fc.array(fc.stringMatching(/^[a-z ]{0,5}$/), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(lines, async (items) => {
        const body = items.map((l) => `${l}\n`).join("");
        await sh(sandbox, `printf '%s' ${word(body)} > in.txt`);
        expect((await sh(sandbox, "tac in.txt")).stdout).toBe(
          [...items]
            .reverse()
            .map((l) => `${l}\n`)
            .join(""),
        );
        expect((await sh(sandbox, "tac in.txt | tac")).stdout).toBe(body);
      }),
      { numRuns: 30 },
    );
  });

  it("basename and dirname split a path as Node's path.posix does", async () => {
    const { posix } = await import("node:path");
    const path = fc
      .tuple(
        fc.boolean(),
        fc.array(fc.stringMatching(/^[a-z.]{1,3}$/), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
      )
      .map(([root, parts, slash]) => `${root ? "/" : ""}${parts.join("/")}${slash ? "/" : ""}`);
    await fc.assert(
      fc.asyncProperty(path, async (p) => {
        expect((await sh(sandbox, `basename -- ${word(p)}`)).stdout).toBe(`${posix.basename(p)}\n`);
        expect((await sh(sandbox, `dirname -- ${word(p)}`)).stdout).toBe(`${posix.dirname(p)}\n`);
      }),
      { numRuns: 40 },
    );
  });
});

describe("coreutils given any arguments", () => {
  it("answer with a message and a status, never a crash of their own", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const tools = ["seq", "tr", "tee", "base64", "basename", "dirname", "tac", "expr", "rmdir", "readlink"];
    const tokens = ["-", "--", "-w", "-s", "-f", "-d", "-c", "-z", "-p", "-e", "-m", "(", ")", "+", ":", "0"];
    const more = [
      "-1",
      "1e400",
      "[",
      "[:alpha:]",
      "a-z",
      "\\",
      "%g",
      "in.txt",
      "/",
      "..",
      "nan",
      "99999999999999999999",
    ];
    const argument = fc.oneof(
      fc.constantFrom(...tokens, ...more),
      fc.string({ maxLength: 4 }).map((s) => word(s.replaceAll("\0", ""))),
    );
    // What the interpreter prints for an exception a tool did not handle (interpreter.ts #invoke).
    const crash = /TypeError|RangeError|ReferenceError|undefined|Cannot read|is not a function/;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tools),
        fc.array(argument, { maxLength: 5 }),
        async (tool, args) => {
          await sh(sandbox, "echo abc > in.txt");
          const result = await sh(sandbox, `echo hello | ${tool} ${args.join(" ")}`);
          expect(result.stderr).not.toMatch(crash);
          expect((await sh(sandbox, "echo alive")).stdout).toBe("alive\n");
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("coreutils in pipelines and loops", () => {
  it("loops over seq, as learners do over a StatefulSet's ordinals", async () => {
    const result = await run1(
      "for i in $(seq 0 2); do echo web-$i.nginx; done | tac | tee names.txt; cat names.txt",
    );
    expect(result.stdout).toBe("web-2.nginx\nweb-1.nginx\nweb-0.nginx\n".repeat(2));
  });

  it("decodes a Secret's data with base64 -d", async () => {
    const [, decoded] = await run([
      "kubectl create secret generic db --from-literal=password=s3cr3t",
      "kubectl get secret db -o jsonpath='{.data.password}' | base64 -d",
    ]);
    expect(decoded).toEqual({ stdout: "s3cr3t", stderr: "", status: 0 });
  });

  it("ends `yes | head` and `seq 1e9 | head` as soon as head has its lines", async () => {
    const [yes, seq] = await run(["yes | head -3", "seq 1000000000 | head -n 2"]);
    expect(yes).toEqual({ stdout: "y\ny\ny\n", stderr: "", status: 0 });
    expect(seq).toEqual({ stdout: "1\n2\n", stderr: "", status: 0 });
  });

  it("stops yes that nothing stops at the sandbox's output limit instead of hanging the tab", async () => {
    expect(await run1("yes > /dev/null; echo $?")).toEqual({ stdout: "0\n", stderr: "", status: 0 });
  });

  it("tees and translates the rows of a watch as they come, and stops with it on Ctrl-C", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    await sh(sandbox, "kubectl create deployment web --image=nginx");
    let out = "";
    const stop = new AbortController();
    const running = sandbox.exec(
      "kubectl get pods -w | tr -s ' ' | tee pods.txt",
      (chunk) => {
        out += chunk.text;
      },
      stop.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out).toMatch(/^NAME READY STATUS RESTARTS AGE\nweb-[a-z0-9-]+ 0\/1 Pending 0 0s\n$/);
    sandbox.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out).toMatch(/ 1\/1 Running 0 \d+s\n$/);
    stop.abort();
    expect(await running).toBe(130);
    expect((await sh(sandbox, "cat pods.txt")).stdout).toBe(out);
  });

  it("encodes and decodes a watch's rows with base64 as they come", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    await sh(sandbox, "kubectl create deployment web --image=nginx");
    let out = "";
    const stop = new AbortController();
    const running = sandbox.exec(
      "kubectl get pods -w | base64 | base64 -d",
      (chunk) => {
        out += chunk.text;
      },
      stop.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Whole groups of three bytes pass at once; the rest waits for more input.
    expect(out).toMatch(/^NAME {2,}READY {3}STATUS {4}RESTARTS {3}AGE\nweb-/);
    stop.abort();
    expect(await running).toBe(130);
  });

  it("times out on the simulated clock: the command's wait ends at the deadline", async () => {
    const [before, timed, after, quick] = await run([
      "date +%s",
      "timeout 5 sleep 60; echo $?",
      "date +%s",
      "timeout 1m sh -c 'sleep 2; echo done'; echo $?",
    ]);
    expect(timed!.stdout).toBe("124\n");
    expect(Number(after!.stdout) - Number(before!.stdout)).toBe(5);
    expect(quick!.stdout).toBe("done\n0\n");
  });

  it("times out in real time when the clock reaches the deadline, and Ctrl-C still stops it", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    let out = "";
    const timed = sandbox.exec("timeout 3 sleep 10; echo $?", (chunk) => {
      out += chunk.text;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    sandbox.advance(2_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out).toBe("");
    sandbox.advance(1_000);
    expect(await timed).toBe(0);
    expect(out).toBe("124\n");
    let watched = "";
    const watch = sandbox.exec("timeout 5 kubectl get pods -w; echo $?", (chunk) => {
      watched += chunk.text;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    sandbox.advance(5_000);
    expect(await watch).toBe(0);
    expect(watched).toBe("124\n");
    const stop = new AbortController();
    const interrupted = sandbox.exec("timeout 30 sleep 60", () => {}, stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop.abort();
    expect(await interrupted).toBe(130);
  });

  it("says who and how many CPUs on the host, and lists the tools in help", async () => {
    const [who, cpus, help] = await run(["whoami", "nproc; nproc --all; nproc --ignore=3", "help"]);
    expect(who!.stdout).toBe("learner\n");
    expect(cpus!.stdout).toBe("4\n4\n1\n");
    for (const tool of [
      "tr",
      "tee",
      "tac",
      "base64",
      "basename",
      "dirname",
      "readlink",
      "rmdir",
      "seq",
      "expr",
      "timeout",
    ]) {
      expect(help!.stdout).toMatch(new RegExp(`[ ,]${tool}[,\\n]`));
    }
  });
});

describe("coreutils in containers", () => {
  it("time out on the container's own clock, which catches up after a jump of the cluster's", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    await sh(
      sandbox,
      `kubectl run t --image=busybox:1.37 -- sh -c 'timeout 5 sh -c "sleep 2; echo a; sleep 2; echo b; sleep 2; echo c"; echo $?; seq 2 | tee /tmp/n; sleep 3600'`,
    );
    sandbox.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await sh(sandbox, "kubectl logs t")).stdout).toBe("a\nb\n143\n1\n2\n");
  });

  it("run in Debian and BusyBox images alike, BusyBox wording its errors its own way", async () => {
    const [, , debian, busybox, who, rmdir] = await run([
      "kubectl run web --image=nginx:1.27 && kubectl run bb --image=busybox:1.37 -- sleep 3600",
      "sleep 30",
      'kubectl exec web -- sh -c \'for i in $(seq 3); do echo $i; done | tac | tr "\\n" " "; basename $(readlink -f /usr/share/nginx/html/)\'',
      "kubectl exec bb -- sh -c 'echo aGk= | base64 -d; expr 6 \\* 7; timeout 2 sleep 9; echo $?; expr 1 +'",
      "kubectl exec bb -- whoami",
      "kubectl exec bb -- rmdir /etc",
    ]);
    expect(debian).toEqual({ stdout: "3 2 1 html\n", stderr: "", status: 0 });
    expect(busybox).toEqual({
      stdout: "hi42\n143\n",
      stderr: "expr: syntax error\ncommand terminated with exit code 2\n",
      status: 2,
    });
    expect(who!.stdout).toBe("root\n");
    expect(rmdir!.stderr).toBe("rmdir: '/etc': Directory not empty\ncommand terminated with exit code 1\n");
  });
});
