# Reference values for src/meta/glmm.ts at k = 50 and 500 (issue 16: the GLMM made fast must keep its estimates to
# 1e-8): the binomial-normal model (measure = "PLO") on the synthetic studies of bench/data.ts (syntheticBinomial,
# the Park-Miller generator ported below), fitted
#   exact:   by Newton's method on the marginal log-likelihood, every integral by stats::integrate (rel.tol 1e-12, abs.tol 1e-14)
#            centred at the study's conditional mode; score and Hessian by Louis' identity; iterated until the step
#            is below 1e-13. SE = sqrt of the (mu, mu) element of the inverse observed information of (mu, tau).
#   metafor: rma.glmm(measure = "PLO", method = "ML") with its defaults (nAGQ = 7; what bench/glmm.bench.ts times)
#            and with nAGQ = 25 and tight bobyqa tolerances (as scripts/reference/glmm.R).
# Run from the repository root:  Rscript scripts/reference/glmm-large.R   (writes test/fixtures/glmm-large.json)
suppressPackageStartupMessages({ library(metafor); library(jsonlite) })

synthetic_binomial <- function(k) {
  seed <- 20260101
  rnd <- function() {
    seed <<- (seed * 16807) %% 2147483647
    seed / 2147483647
  }
  xi <- ni <- numeric(k)
  for (s in seq_len(k)) {
    n <- 10 + floor(rnd() * 90)
    a <- rnd(); b <- rnd(); c <- rnd()
    p <- 1 / (1 + exp(-(-1.5 + 0.8 * (a + b + c - 1.5) * 2)))
    events <- 0
    for (i in seq_len(n)) if (rnd() < p) events <- events + 1
    xi[s] <- events
    ni[s] <- n
  }
  list(xi = xi, ni = ni)
}

# one study's log L_i and its gradient and Hessian in (mu, tau)
study <- function(y, n, mu, tau) {
  lf <- function(z) dbinom(y, n, plogis(mu + tau * z), log = TRUE) + dnorm(z, log = TRUE)
  zm <- optimize(lf, c(-40, 40), maximum = TRUE, tol = 1e-12)$maximum
  p <- plogis(mu + tau * zm)
  s <- 1 / sqrt(tau^2 * n * p * (1 - p) + 1)
  l0 <- lf(zm)
  # each half-line separately (the integrand peaks at x = 0); roundoff warnings are checked by the error bound
  mom <- function(h) {
    f <- function(x) {
      z <- zm + s * x
      pz <- plogis(mu + tau * z)
      exp(lf(z) - l0) * h(z, pz)
    }
    a <- integrate(f, -Inf, 0, rel.tol = 1e-12, abs.tol = 1e-15, subdivisions = 1000L, stop.on.error = FALSE)
    b <- integrate(f, 0, Inf, rel.tol = 1e-12, abs.tol = 1e-15, subdivisions = 1000L, stop.on.error = FALSE)
    max_error <<- max(max_error, a$abs.error, b$abs.error)
    a$value + b$value
  }
  L <- mom(function(z, pz) 1)
  r <- function(z, pz) y - n * pz
  q <- function(z, pz) (y - n * pz)^2 - n * pz * (1 - pz)
  e1 <- mom(function(z, pz) r(z, pz)) / L
  e2 <- mom(function(z, pz) z * r(z, pz)) / L
  h11 <- mom(function(z, pz) q(z, pz)) / L - e1^2
  h12 <- mom(function(z, pz) z * q(z, pz)) / L - e1 * e2
  h22 <- mom(function(z, pz) z^2 * q(z, pz)) / L - e2^2
  list(ll = log(L) + l0 + log(s), g = c(e1, e2), h = matrix(c(h11, h12, h12, h22), 2))
}

total <- function(xi, ni, th) {
  parts <- lapply(seq_along(xi), function(i) study(xi[i], ni[i], th[1], th[2]))
  list(ll = sum(vapply(parts, `[[`, 0, "ll")),
       g = Reduce(`+`, lapply(parts, `[[`, "g")),
       h = Reduce(`+`, lapply(parts, `[[`, "h")))
}

exact_ml <- function(xi, ni, start) {
  th <- start
  for (it in 1:50) {
    d <- total(xi, ni, th)
    step <- -solve(d$h, d$g)
    th <- th + step
    if (max(abs(step)) < 1e-13) break
  }
  d <- total(xi, ni, th)
  list(estimate = th[1], tau2 = th[2]^2, se = sqrt(solve(-d$h)[1, 1]), logLik = d$ll, iterations = it,
       gradient = d$g)
}

max_error <- 0
ctrl <- list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5), tolPwrss = 1e-12))

fit_one <- function(k) {
  d <- synthetic_binomial(k)
  m7 <- rma.glmm(measure = "PLO", xi = d$xi, ni = d$ni, method = "ML")
  m25 <- rma.glmm(measure = "PLO", xi = d$xi, ni = d$ni, method = "ML", nAGQ = 25, control = ctrl)
  ex <- exact_ml(d$xi, d$ni, c(as.numeric(m25$beta), sqrt(m25$tau2)))
  max_error <<- 0
  invisible(total(d$xi, d$ni, c(ex$estimate, sqrt(ex$tau2))))
  ex$max_integration_error <- max_error # integrate's largest error bound at the optimum
  list(k = k, xi = d$xi, ni = d$ni,
       metafor_nagq7 = list(estimate = as.numeric(m7$beta), se = m7$se, tau2 = m7$tau2),
       metafor_nagq25 = list(estimate = as.numeric(m25$beta), se = m25$se, tau2 = m25$tau2),
       exact = ex)
}

out <- list(
  metafor_version = as.character(packageVersion("metafor")),
  lme4_version = as.character(packageVersion("lme4")),
  sets = list(fit_one(50), fit_one(500))
)
dir.create("test/fixtures", showWarnings = FALSE, recursive = TRUE)
write_json(out, "test/fixtures/glmm-large.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
