// vscode-textmate 9 and vscode-oniguruma 2 ship without type declarations; these
// declare the part of their API the grammar tests use.

declare module 'vscode-textmate' {
  export interface IRawGrammar {
    readonly scopeName: string;
  }
  export interface IOnigLib {
    createOnigScanner(sources: string[]): unknown;
    createOnigString(str: string): unknown;
  }
  export interface RegistryOptions {
    onigLib: Promise<IOnigLib>;
    loadGrammar(scopeName: string): Promise<IRawGrammar | null | undefined>;
    getInjections?(scopeName: string): string[] | undefined;
  }
  export interface IToken {
    startIndex: number;
    readonly endIndex: number;
    readonly scopes: string[];
  }
  export interface StateStack {
    readonly _stackElementBrand: void;
  }
  export interface ITokenizeLineResult {
    readonly tokens: IToken[];
    readonly ruleStack: StateStack;
    readonly stoppedEarly: boolean;
  }
  export interface ITokenizeLineResult2 {
    /** Pairs of (start offset, encoded metadata), as VS Code's editor consumes them. */
    readonly tokens: Uint32Array;
    readonly ruleStack: StateStack;
    readonly stoppedEarly: boolean;
  }
  export interface IGrammar {
    tokenizeLine(lineText: string, prevState: StateStack | null, timeLimit?: number): ITokenizeLineResult;
    tokenizeLine2(lineText: string, prevState: StateStack | null, timeLimit?: number): ITokenizeLineResult2;
  }
  export class Registry {
    constructor(options: RegistryOptions);
    loadGrammar(initialScopeName: string): Promise<IGrammar | null>;
  }
  export const INITIAL: StateStack;
  export function parseRawGrammar(content: string, filePath?: string): IRawGrammar;
}

declare module 'vscode-oniguruma' {
  export function loadWASM(data: ArrayBuffer): Promise<void>;
  export class OnigScanner {
    constructor(sources: string[]);
  }
  export class OnigString {
    constructor(str: string);
  }
}
