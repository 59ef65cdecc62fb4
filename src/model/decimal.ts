// Exact decimals for money, counters, parameters and bounds: never a JS number.
// A value is an unscaled bigint and a scale (digits after the point), like Java's
// BigDecimal that SAP CC uses, so "5.00" reads back as "5.00".

export const MAX_TOTAL_DIGITS = 28;
export const MAX_FRACTION_DIGITS = 6;

// The xs:decimal lexical space: optional sign, digits, optional point and digits.
const LEXICAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
// Canonical text: no plus sign, no leading zero, at most 6 digits after the point (-0 is written 0).
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d{1,6})?$/;
const NEGATIVE_ZERO = /^-0(?:\.0*)?$/;

export class Decimal {
  readonly units: bigint;
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  /** Parses the wire text; undefined when it is not a decimal within 28 digits, 6 after the point. */
  static tryParse(text: string): Decimal | undefined {
    const m = LEXICAL.exec(text);
    if (!m) return undefined;
    const intPart = m[2].replace(/^0+/, '');
    const fracPart = m[3] ?? '';
    if (m[2] === '' && fracPart === '') return undefined;
    if (fracPart.length > MAX_FRACTION_DIGITS) return undefined;
    if (intPart.length + fracPart.length > MAX_TOTAL_DIGITS) return undefined;
    const units = BigInt((intPart || '0') + fracPart);
    return new Decimal(m[1] === '-' ? -units : units, fracPart.length);
  }

  static parse(text: string): Decimal {
    const d = Decimal.tryParse(text);
    if (!d) throw new RangeError(`not a decimal of at most ${MAX_TOTAL_DIGITS} digits, ${MAX_FRACTION_DIGITS} after the point: ${text}`);
    return d;
  }

  static isValid(text: string): boolean {
    return Decimal.tryParse(text) !== undefined;
  }

  /** Is `text` a valid decimal already in canonical form? The quick answer for the common case; false is no verdict. */
  static isCanonical(text: string): boolean {
    if (!CANONICAL.test(text)) return false;
    const digits = text.length - (text.charCodeAt(0) === 45 ? 1 : 0) - (text.includes('.') ? 1 : 0) - (text.startsWith('0') || text.startsWith('-0') ? 1 : 0);
    return digits <= MAX_TOTAL_DIGITS && !NEGATIVE_ZERO.test(text);
  }

  /** The canonical text of a wire decimal: "+01.50" becomes "1.50". */
  static canonical(text: string): string {
    return Decimal.parse(text).toString();
  }

  static readonly ZERO = new Decimal(0n, 0);

  private rescaled(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) + other.rescaled(scale), scale).checked();
  }

  sub(other: Decimal): Decimal {
    return this.add(other.negate());
  }

  negate(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  /** Product rounded half-even to at most 6 fraction digits. */
  mul(other: Decimal): Decimal {
    const scale = this.scale + other.scale;
    const product = this.units * other.units;
    if (scale <= MAX_FRACTION_DIGITS) return new Decimal(product, scale).checked();
    return new Decimal(roundHalfEven(product, 10n ** BigInt(scale - MAX_FRACTION_DIGITS)), MAX_FRACTION_DIGITS).checked();
  }

  compare(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescaled(scale);
    const b = other.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Fraction digits that matter: the scale without trailing zeros ("1.500" → 1). */
  significantScale(): number {
    let scale = this.scale;
    let units = this.units;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    return scale;
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const cut = digits.length - this.scale;
    const text = this.scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
    return negative ? `-${text}` : text;
  }

  toJSON(): string {
    return this.toString();
  }

  private checked(): Decimal {
    const abs = this.units < 0n ? -this.units : this.units;
    const intDigits = abs.toString().length - this.scale;
    if (intDigits + this.scale > MAX_TOTAL_DIGITS && intDigits > 0) {
      throw new RangeError(`decimal overflow: more than ${MAX_TOTAL_DIGITS} digits`);
    }
    return this;
  }
}

function roundHalfEven(value: bigint, divisor: bigint): bigint {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let q = abs / divisor;
  const r = abs % divisor;
  const twice = r * 2n;
  if (twice > divisor || (twice === divisor && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}
