# Reference values for src/survival/pooledSurvival.ts: a pooled survival curve that never rises.
# Written from the algorithm as docs/methods/survival-panel.md states it, not from the TypeScript.
# At each grid time t: U(t) = studies with data at t (t <= until, 0 < S < 1); y = log(-log S),
# SE = sqrt((1 - S) / (n S)) / |log S| (only n known) or se(S) / (S |log S|); mu(t) = metafor rma(method = "DL").
# Chain (a product of pooled conditional survivals): S = exp(-exp(mu)) at the first time with a study; then
# S(t) = S(t') * min(1, S_R(t) / S_R(t')), S_R = exp(-exp(mu_R)) the DL pool of R = the studies in both U(t) and U(t')
# (S(t) = min(S(t'), exp(-exp(mu(t)))) when R is empty). Band: log(-log S(t)) -/+ z se(t) of U(t).
# Run: Rscript scripts/reference/pooled-survival.R  -> test/fixtures/pooled-survival.json
suppressPackageStartupMessages({ library(metafor); library(jsonlite) })

# piecewise exponential through (0, 1) and the knots; the last hazard extended
pwexp <- function(kt, ks) {
  kt <- c(0, kt); ks <- c(1, ks)
  h <- diff(-log(ks)) / diff(kt)
  function(t) {
    i <- findInterval(t, kt, left.open = TRUE)
    i <- pmin(pmax(i, 1), length(h))
    ks[i] * exp(-h[i] * (t - kt[i]))
  }
}
studies <- list(
  list(study = "A", n = 339, until = 120, surv = pwexp(c(60, 120), c(0.74, 0.51)), se = NULL),
  list(study = "B", n = 159, until = 120, surv = pwexp(c(60, 120), c(0.77, 0.50)), se = NULL),
  list(study = "C", n = 74, until = 60, surv = pwexp(60, 0.60), se = NULL),
  list(study = "D", n = NA, until = 48, surv = function(t) exp(-t / 70), se = function(t) 0.02 + 0.001 * t),
  list(study = "E", n = 23, until = 60, surv = pwexp(60, 0.75), se = NULL)
)
grid <- seq(0, 132, by = 6)

usable <- function(t) {
  out <- list()
  for (s in studies) {
    if (t > s$until) next
    S <- s$surv(t)
    if (!(S > 0 && S < 1)) next
    sei <- if (is.null(s$se)) sqrt((1 - S) / (s$n * S)) / abs(log(S)) else s$se(t) / (S * abs(log(S)))
    out[[s$study]] <- c(y = log(-log(S)), sei = sei)
  }
  out
}
dl <- function(u, ids) {
  f <- rma(yi = sapply(ids, function(i) u[[i]]["y"]), sei = sapply(ids, function(i) u[[i]]["sei"]), method = "DL")
  list(mu = unname(f$b[1]), se = f$se, tau2 = f$tau2)
}
z <- qnorm(0.975)
back <- function(x) exp(-exp(x))
pts <- list(); prev <- NULL
for (t in grid) {
  u <- usable(t)
  ids <- names(u)
  if (length(ids) == 0) {
    pts[[length(pts) + 1]] <- list(time = t, surv = NA, lower = NA, upper = NA, k = 0, tau2 = 0, mu = NA)
    if (!is.null(prev)) prev$u <- list()
    next
  }
  here <- dl(u, ids)
  if (is.null(prev)) {
    S <- back(here$mu)
  } else {
    both <- intersect(ids, names(prev$u))
    if (length(both) == 0) S <- min(prev$S, back(here$mu))
    else S <- prev$S * min(1, back(dl(u, both)$mu) / back(dl(prev$u, both)$mu))
  }
  L <- log(-log(S))
  pts[[length(pts) + 1]] <- list(time = t, surv = S, lower = back(L + z * here$se), upper = back(L - z * here$se),
                                 k = length(ids), tau2 = here$tau2, mu = here$mu)
  prev <- list(u = u, S = S)
}
col <- function(name) sapply(pts, function(p) p[[name]])
fixture <- list(
  note = "studies A-E as in scripts/reference/pooled-survival.R; D gives se(S) = 0.02 + 0.001 t and no n",
  grid = grid, time = col("time"), surv = col("surv"), lower = col("lower"), upper = col("upper"), k = col("k"),
  tau2 = col("tau2"), pointwise_mu = col("mu"),
  studies = lapply(studies, function(s) list(study = s$study, n = s$n, until = s$until, surv = sapply(grid, s$surv),
                                                se = if (is.null(s$se)) NULL else sapply(grid, s$se)))
)
write_json(fixture, "test/fixtures/pooled-survival.json", digits = NA, auto_unbox = TRUE, pretty = FALSE, na = "null")
cat("wrote test/fixtures/pooled-survival.json\n")
