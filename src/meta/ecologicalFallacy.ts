/**
 * The caveat shown beside every meta-regression: associations across studies are observational and concern study
 * averages, not patients (the ecological fallacy; Thompson & Higgins 2002, Stat Med 21:1559; Berlin et al. 2002, Stat Med 21:371;
 * Cochrane Handbook v6, §10.11.6).
 */
export const ECOLOGICAL_FALLACY = 'Meta-regression relates study-level averages: an association across studies '
  + '(e.g. later series report higher survival) need not hold for patients within a study (ecological fallacy), '
  + 'is observational even when the studies are trials, and may reflect other characteristics that differ between '
  + 'studies (confounding).';
