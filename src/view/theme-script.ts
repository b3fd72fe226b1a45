/**
 * Runs inline, first in <body>, before anything paints, so a stored theme never flashes.
 * astro.config.mjs adds its hash to the CSP; keep it a plain string.
 */
export const THEME_SCRIPT =
  "(function(){try{var t=localStorage.getItem('theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}})()";
