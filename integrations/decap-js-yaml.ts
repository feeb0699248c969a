// Patches for js-yaml@3.14.1, which decap-cms-app's prebuilt file carries (gray-matter reads every
// entry's front matter with it, so it parses whatever YAML is in the repository). They make its
// loader behave as js-yaml 3.15.2, the 3.x release with every fix, in the same four places:
// - GHSA-2883-xcg3-v3hh (high, fixed in 3.15.2) and GHSA-h67p-54hq-rp68 (moderate, 3.15.0): merging
//   (`<<`) had no bound on work; every merged mapping and key now counts towards `maxTotalMergeKeys`
//   (default 10000) and a merge sequence may hold at most 100 mappings;
// - GHSA-5p4m-2wfm-xmqj (high, fixed in 3.15.1): `!!omap` checked duplicate keys with indexOf, quadratic;
// - GHSA-mh29-5h37-fv8m (moderate, fixed in 3.14.2): a merged or written `__proto__` key set the
//   result's prototype; it is now defined as an own property.
// The mergeMappings() patch also defines the two helpers the storeMappingPair() patch calls; their
// names start with `hub` so they cannot clash with the minified names around them.

const file = 'decap-cms-app.js';
const bundled = 'js-yaml@3.14.1';
const patch = (advisories: string[], why: string, find: string, replace: string) => ({
  file,
  package: bundled,
  advisories,
  why: `js-yaml@3.14.1 (${advisories.join(', ')}): ${why}`,
  find,
  replace,
});

// js-yaml 3.15.2's setProperty() and chargeMergeWork(); O is the loader's throwError().
const helpers =
  'function hubSetProperty(e,t,n){"__proto__"===t?Object.defineProperty(e,t,{configurable:!0,enumerable:!0,writable:!0,value:n}):e[t]=n}' +
  'function hubChargeMergeWork(e){e.totalMergeKeys+=1,-1!==e.maxTotalMergeKeys&&e.totalMergeKeys>e.maxTotalMergeKeys&&O(e,"merge keys exceeded maxTotalMergeKeys ("+e.maxTotalMergeKeys+")")}';

export const JS_YAML_PATCHES = [
  patch(
    ['GHSA-2883-xcg3-v3hh', 'GHSA-h67p-54hq-rp68'],
    'the loader state gains maxTotalMergeKeys (option, default 10000) and its running count, as in 3.15.0.',
    'this.listener=t.listener||null,this.implicitTypes=this.schema.compiledImplicit,this.typeMap=this.schema.compiledTypeMap,this.length=e.length,this.position=0,this.line=0,this.lineStart=0,this.lineIndent=0,this.documents=[]}',
    'this.listener=t.listener||null,this.maxTotalMergeKeys="number"==typeof t.maxTotalMergeKeys?t.maxTotalMergeKeys:1e4,this.implicitTypes=this.schema.compiledImplicit,this.typeMap=this.schema.compiledTypeMap,this.length=e.length,this.position=0,this.line=0,this.lineStart=0,this.lineIndent=0,this.totalMergeKeys=0,this.documents=[]}',
  ),
  patch(
    ['GHSA-2883-xcg3-v3hh', 'GHSA-h67p-54hq-rp68', 'GHSA-mh29-5h37-fv8m'],
    'mergeMappings() charges each merged mapping and key to maxTotalMergeKeys and writes keys with setProperty(), as in 3.15.2.',
    'function L(e,t,n,i){var o,a,s,u;for(r.isObject(n)||O(e,"cannot merge mappings; the provided source object is unacceptable"),s=0,u=(o=Object.keys(n)).length;s<u;s+=1)a=o[s],l.call(t,a)||(t[a]=n[a],i[a]=!0)}',
    `function L(e,t,n,i){var o,a,s,u;for(r.isObject(n)||O(e,"cannot merge mappings; the provided source object is unacceptable"),hubChargeMergeWork(e),s=0,u=(o=Object.keys(n)).length;s<u;s+=1)a=o[s],hubChargeMergeWork(e),l.call(t,a)||(hubSetProperty(t,a,n[a]),i[a]=!0)}${helpers}`,
  ),
  patch(
    ['GHSA-2883-xcg3-v3hh', 'GHSA-mh29-5h37-fv8m'],
    'storeMappingPair() refuses a merge sequence of more than 100 mappings and writes keys with setProperty(), as in 3.15.2.',
    '"tag:yaml.org,2002:merge"===r)if(Array.isArray(o))for(u=0,c=o.length;u<c;u+=1)L(e,t,o[u],n);else L(e,t,o,n);else e.json||l.call(n,i)||!l.call(t,i)||(e.line=a||e.line,e.position=s||e.position,O(e,"duplicated mapping key")),t[i]=o,delete n[i];return t}',
    '"tag:yaml.org,2002:merge"===r)if(Array.isArray(o))for(o.length>100&&O(e,"abnormal merge sequence size"),u=0,c=o.length;u<c;u+=1)L(e,t,o[u],n);else L(e,t,o,n);else e.json||l.call(n,i)||!l.call(t,i)||(e.line=a||e.line,e.position=s||e.position,O(e,"duplicated mapping key")),hubSetProperty(t,i,o),delete n[i];return t}',
  ),
  patch(
    ['GHSA-5p4m-2wfm-xmqj'],
    '!!omap remembers the keys it has seen in an object instead of an array, as in 3.15.1 (linear, not quadratic).',
    'var t,n,r,a,s,l=[],u=e;for(t=0,n=u.length;t<n;t+=1){if(r=u[t],s=!1,"[object Object]"!==o.call(r))return!1;for(a in r)if(i.call(r,a)){if(s)return!1;s=!0}if(!s)return!1;if(-1!==l.indexOf(a))return!1;l.push(a)}return!0}',
    'var t,n,r,a,s,l={},u=e;for(t=0,n=u.length;t<n;t+=1){if(r=u[t],s=!1,"[object Object]"!==o.call(r))return!1;for(a in r)if(i.call(r,a)){if(s)return!1;s=!0}if(!s)return!1;if(i.call(l,a))return!1;Object.defineProperty(l,a,{value:!0})}return!0}',
  ),
];
