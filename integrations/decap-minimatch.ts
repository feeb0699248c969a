// Patches for minimatch@7.4.6, which decap-cms-app's prebuilt file carries. Decap calls it only in the
// Git LFS clients of its Bitbucket and Git Gateway backends, to match media paths against the
// repository's .gitattributes patterns. Three high-severity ReDoS advisories apply to 7.4.6:
// - GHSA-3ppc-4f35-3m26 (fixed in 7.4.7): `***…x` became one lazy `[^/]*?` per star;
// - GHSA-7r86-cg39-jmmj (fixed in 7.4.8/7.4.9): `**/a/**/a/…` backtracked combinatorially;
// - GHSA-23c5-xmqv-rm74: nested extglobs `*(*(…))` build nested quantifiers. minimatch 7.4.9 still
//   hangs on them (only the 10.x rewrite fixes it), so Decap's two calls pass `noext`, the
//   advisory's own mitigation: git's .gitattributes has no extglobs, so nothing Decap matches changes.
// The first two make the shipped code behave exactly as minimatch 7.4.9 (the 7.x release with both
// fixes), written from its dist/mjs/index.js.

/** The bundle's minified name for minimatch's GLOBSTAR symbol; the matchOne patch's `find` contains it. */
const GLOBSTAR = 'ij';

/** The bundle's minified name for the minimatch() function Decap calls. */
const MINIMATCH = 'NB';

const file = 'decap-cms-app.js';
const bundled = 'minimatch@7.4.6';

const coalesceStars = {
  file,
  package: bundled,
  advisories: ['GHSA-3ppc-4f35-3m26'],
  why:
    'minimatch@7.4.6 (GHSA-3ppc-4f35-3m26, high, ReDoS, fixed in 7.4.7): consecutive `*` in a pattern part ' +
    'each became a lazy `[^/]*?`, so `************b?` backtracked polynomially. As in 7.4.7, a `*` straight ' +
    'after a `*` is skipped, which matches exactly the same strings.',
  find: String.raw`this.debug("%s\t%s %s %j <-- stateChar",e,r,i,n),this.debug("call clearStateChar %j",c),g(),c=n,t.noext&&g();continue;`,
  replace: String.raw`if(this.debug("%s\t%s %s %j <-- stateChar",e,r,i,n),"*"===n&&"*"===c)continue;this.debug("call clearStateChar %j",c),g(),c=n,t.noext&&g();continue;`,
};

const globstarMatching = {
  file,
  package: bundled,
  advisories: ['GHSA-7r86-cg39-jmmj'],
  why:
    'minimatch@7.4.6 (GHSA-7r86-cg39-jmmj, high, ReDoS, fixed in 7.4.8): matchOne() retried every split of the ' +
    'path at every `**`, combinatorial in the number of non-adjacent globstars. Replaced by minimatch 7.4.9’s ' +
    'matchOne/_matchGlobstar/_matchGlobStarBodySections/_matchOne (head and tail matched once, the body ' +
    'sections in bounded order, recursion capped by maxGlobstarRecursion, default 200).',
  find: String.raw`this.debug("matchOne",this,{file:e,pattern:t}),this.debug("matchOne",e.length,t.length);for(var o=0,a=0,s=e.length,l=t.length;o<s&&a<l;o++,a++){this.debug("matchOne loop");var u=t[a],c=e[o];if(this.debug(t,u,c),!1===u)return!1;if(u===${GLOBSTAR}){this.debug("GLOBSTAR",[t,u,c]);var d=o,p=a+1;if(p===l){for(this.debug("** at the end");o<s;o++)if("."===e[o]||".."===e[o]||!r.dot&&"."===e[o].charAt(0))return!1;return!0}for(;d<s;){var h=e[d];if(this.debug("\nglobstar while",e,d,t,p,h),this.matchOne(e.slice(d),t.slice(p),n))return this.debug("globstar found match!",d,s,h),!0;if("."===h||".."===h||!r.dot&&"."===h.charAt(0)){this.debug("dot detected!",e,d,t,p);break}this.debug("globstar swallow a segment, and continue"),d++}return!(!n||(this.debug("\n>>> no match, partial?",e,d,t,p),d!==s))}let i;if("string"==typeof u?(i=c===u,this.debug("string match",u,c,i)):(i=u.test(c),this.debug("pattern match",u,c,i)),!i)return!1}if(o===s&&a===l)return!0;if(o===s)return n;if(a===l)return o===s-1&&""===e[o];throw new Error("wtf?")}`,
  // minimatch 7.4.9, dist/mjs/index.js, lines 659-870, with GLOBSTAR renamed to the bundle's name.
  // 7.4.9 sets maxGlobstarRecursion in its constructor; a getter reading the same option avoids a
  // second patch there and gives every caller the same value.
  replace: `this.debug("matchOne",this,{file:e,pattern:t}),this.debug("matchOne",e.length,t.length);
if (t.indexOf(${GLOBSTAR}) !== -1) return this._matchGlobstar(e, t, n, 0, 0);
return this._matchOne(e, t, n, 0, 0);
}
get maxGlobstarRecursion() {
  return this.options.maxGlobstarRecursion !== undefined ? this.options.maxGlobstarRecursion : 200;
}
_matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
  let firstgs = -1;
  for (let i = patternIndex; i < pattern.length; i++) {
    if (pattern[i] === ${GLOBSTAR}) { firstgs = i; break; }
  }
  let lastgs = -1;
  for (let i = pattern.length - 1; i >= 0; i--) {
    if (pattern[i] === ${GLOBSTAR}) { lastgs = i; break; }
  }
  const head = pattern.slice(patternIndex, firstgs);
  const body = partial ? pattern.slice(firstgs + 1) : pattern.slice(firstgs + 1, lastgs);
  const tail = partial ? [] : pattern.slice(lastgs + 1);
  if (head.length) {
    const fileHead = file.slice(fileIndex, fileIndex + head.length);
    if (!this._matchOne(fileHead, head, partial, 0, 0)) return false;
    fileIndex += head.length;
  }
  let fileTailMatch = 0;
  if (tail.length) {
    if (tail.length + fileIndex > file.length) return false;
    const tailStart = file.length - tail.length;
    if (this._matchOne(file, tail, partial, tailStart, 0)) {
      fileTailMatch = tail.length;
    } else {
      if (file[file.length - 1] !== '' || fileIndex + tail.length === file.length) return false;
      if (!this._matchOne(file, tail, partial, tailStart - 1, 0)) return false;
      fileTailMatch = tail.length + 1;
    }
  }
  if (!body.length) {
    let sawSome = !!fileTailMatch;
    for (let i = fileIndex; i < file.length - fileTailMatch; i++) {
      const f = String(file[i]);
      sawSome = true;
      if (f === '.' || f === '..' || (!this.options.dot && f.startsWith('.'))) return false;
    }
    return partial || sawSome;
  }
  const bodySegments = [[[], 0]];
  let currentBody = bodySegments[0];
  let nonGsParts = 0;
  const nonGsPartsSums = [0];
  for (const b of body) {
    if (b === ${GLOBSTAR}) {
      nonGsPartsSums.push(nonGsParts);
      currentBody = [[], 0];
      bodySegments.push(currentBody);
    } else {
      currentBody[0].push(b);
      nonGsParts++;
    }
  }
  let idx = bodySegments.length - 1;
  const fileLength = file.length - fileTailMatch;
  for (const b of bodySegments) {
    b[1] = fileLength - (nonGsPartsSums[idx--] + b[0].length);
  }
  return !!this._matchGlobStarBodySections(file, bodySegments, fileIndex, 0, partial, 0, !!fileTailMatch);
}
_matchGlobStarBodySections(file, bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {
  const bs = bodySegments[bodyIndex];
  if (!bs) {
    for (let i = fileIndex; i < file.length; i++) {
      sawTail = true;
      const f = file[i];
      if (f === '.' || f === '..' || (!this.options.dot && f.startsWith('.'))) return false;
    }
    return sawTail;
  }
  const [body, after] = bs;
  while (fileIndex <= after) {
    const m = this._matchOne(file.slice(0, fileIndex + body.length), body, partial, fileIndex, 0);
    if (m && globStarDepth < this.maxGlobstarRecursion) {
      const sub = this._matchGlobStarBodySections(file, bodySegments, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail);
      if (sub !== false) return sub;
    }
    const f = file[fileIndex];
    if (f === '.' || f === '..' || (!this.options.dot && f.startsWith('.'))) return false;
    fileIndex++;
  }
  return partial || null;
}
_matchOne(file, pattern, partial, fileIndex, patternIndex) {
  let fi, pi, fl, pl;
  for (fi = fileIndex, pi = patternIndex, fl = file.length, pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
    this.debug('matchOne loop');
    const p = pattern[pi];
    const f = file[fi];
    this.debug(pattern, p, f);
    if (p === false || p === ${GLOBSTAR}) return false;
    let hit;
    if (typeof p === 'string') {
      hit = f === p;
      this.debug('string match', p, f, hit);
    } else {
      hit = p.test(f);
      this.debug('pattern match', p, f, hit);
    }
    if (!hit) return false;
  }
  if (fi === fl && pi === pl) return true;
  else if (fi === fl) return partial;
  else if (pi === pl) return fi === fl - 1 && file[fi] === '';
  else throw new Error('wtf?');
}`,
};

const noExtglobs = (find: string) => ({
  file,
  package: bundled,
  advisories: ['GHSA-23c5-xmqv-rm74'],
  why:
    'minimatch@7.4.6 (GHSA-23c5-xmqv-rm74, high, ReDoS; still present in 7.4.9): nested extglobs such as ' +
    '`*(*(*(a|aa)))` become nested regular-expression quantifiers. Decap matches paths against ' +
    '.gitattributes patterns, which have no extglobs in git, so its calls pass `noext` (the advisory’s ' +
    'mitigation): `*(`, `+(`, `?(`, `@(` and `!(` are then read literally, as git reads them.',
  find,
  replace: find.replace('{matchBase:!0}', '{matchBase:!0,noext:!0}'),
});

export const MINIMATCH_PATCHES = [
  coalesceStars,
  globstarMatching,
  // The Bitbucket backend's LFS client, then the Git Gateway backend's.
  noExtglobs(`matchPath(e){return this.patterns.some(t=>${MINIMATCH}(e,t,{matchBase:!0}))}`),
  noExtglobs(`matchPath:function({patterns:e},t){return e.some(e=>${MINIMATCH}(t,e,{matchBase:!0}))}`),
];
