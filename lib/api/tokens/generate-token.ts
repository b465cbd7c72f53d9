import { randomBytes } from "node:crypto";
import { TOKEN_PREFIX } from "./token-format";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 43; // 62^43 > 2^256: the base62 form of 32 random bytes

/** A new token string: lss_ + 32 random bytes in base62, always 43 digits. */
export function generateToken(): string {
  let value = BigInt(`0x${randomBytes(32).toString("hex")}`);
  let digits = "";
  for (let i = 0; i < SECRET_LENGTH; i++) {
    digits = ALPHABET[Number(value % 62n)] + digits;
    value /= 62n;
  }
  return TOKEN_PREFIX + digits;
}
