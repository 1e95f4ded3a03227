// A password for a command-line script: typed at a terminal without echo (twice), or read from
// stdin when it is piped, so that deploy scripts never put it in a command line or a process list.

export class PasswordInputError extends Error {}

/** One line typed at the terminal, not echoed. Ctrl-C cancels. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (settle: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      settle();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(() => resolve(value));
        if (char === "\u0003") return finish(() => reject(new PasswordInputError("Cancelled.")));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const password = text.replace(/\r?\n$/, "");
  if (password === "") throw new PasswordInputError("No password on stdin.");
  if (/[\r\n]/.test(password)) {
    throw new PasswordInputError("stdin holds more than one line: give the password alone.");
  }
  return password;
}

export async function readPassword(label: string): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const password = await promptHidden(`Password for ${label}: `);
  if ((await promptHidden("Repeat it: ")) !== password) {
    throw new PasswordInputError("The passwords differ.");
  }
  return password;
}
