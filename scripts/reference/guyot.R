# Independent reconstruction of individual patient data from a digitised Kaplan-Meier curve, written from the
# description in Guyot P, Ades AE, Ouwens MJNM, Welton NJ (2012) "Enhanced secondary analysis of survival data:
# reconstructing the data from published Kaplan-Meier survival curves", BMC Med Res Methodol 12:9 (the
# "Methods" steps), in our own words; no existing implementation was consulted or translated. It is the
# paper's algorithm as stated there: every death at the digitised time T_k of the point that shows the lower
# survival, censorings spread evenly between the first digitised points of consecutive risk-table intervals,
# the number censored per interval iterated until the next published number at risk is met, the last interval
# censored at the average rate of the earlier ones.
#
# Reads test/fixtures/guyotRInputs.json (npx tsx scripts/guyotRInputs.ts: the prepared digitised curves of the
# round-trip simulation, their risk tables and landmarks), reconstructs each curve, and writes for each the number
# of patients and events, the KM median and S at the landmarks (survival::survfit), and for each two-arm pair the
# Cox hazard ratio (coxph, Efron ties) to test/fixtures/guyotR.json.
# Run: Rscript scripts/reference/guyot.R
suppressMessages({ library(survival); library(jsonlite) })

reconstruct_guyot <- function(T, S, t_risk, n_risk, max_iter = 100) {
  K <- length(T)
  # Risk-table rows after the last digitised time cannot be used.
  keep <- t_risk <= T[K]
  t_risk <- t_risk[keep]; n_risk <- n_risk[keep]
  m <- length(t_risk)
  # lower[i]: first digitised point at or after the i-th risk time; the points of interval i are lower[i]..upper[i].
  lower <- sapply(t_risk, function(t) which(T >= t)[1])
  upper <- c(lower[-1] - 1, K)

  ev_time <- numeric(0); cen_time <- numeric(0)
  s_last <- 1                  # reconstructed KM after the last death so far
  n_start <- n_risk[1]         # reconstructed number at risk at the start of the interval
  cens_total <- 0

  # One pass over interval i with nc censorings at the given times: deaths at each point, then the censorings
  # that fall before the next point leave the risk set (steps 3-4 of the paper).
  run <- function(i, cen, n, s) {
    deaths <- integer(0); d_at <- numeric(0); removed <- 0
    if (upper[i] >= lower[i]) {
      for (k in lower[i]:upper[i]) {
        d <- if (n > 0 && s > 0) round(n * (1 - S[k] / s)) else 0
        d <- max(0, min(d, n))
        if (d > 0) { s <- s * (1 - d / n); n <- n - d; deaths <- c(deaths, d); d_at <- c(d_at, T[k]) }
        nxt <- if (k < K) T[k + 1] else Inf
        c_k <- sum(cen >= T[k] & cen < nxt)
        c_k <- min(c_k, n)
        n <- n - c_k; removed <- removed + c_k
      }
    }
    # censorings before the interval's first point (between the risk time and it) also leave
    early <- if (upper[i] >= lower[i]) sum(cen < T[lower[i]]) else length(cen)
    early <- min(early, n); n <- n - early; removed <- removed + early
    list(n = n, s = s, deaths = deaths, d_at = d_at, censored = removed)
  }
  # Censoring times spread evenly over [from, to] (step 2).
  spread <- function(nc, from, to) if (nc > 0) from + seq_len(nc) * (to - from) / (nc + 1) else numeric(0)

  for (i in seq_len(m)) {
    from <- if (upper[i] >= lower[i]) T[lower[i]] else t_risk[i]
    if (i < m) {
      to <- if (upper[i + 1] >= lower[i + 1]) T[lower[i + 1]] else t_risk[i + 1]
      # step 1: first guess, the survivors the curve implies minus the published number at risk
      s_end <- if (upper[i] >= lower[i]) S[upper[i]] else s_last
      nc <- round(n_start * s_end / s_last - n_risk[i + 1])
      for (it in seq_len(max_iter)) {                       # step 5: iterate until n(t_{i+1}) is met
        nc <- max(0, min(nc, n_start))
        r <- run(i, spread(nc, from, to), n_start, s_last)
        miss <- r$n - n_risk[i + 1]
        if (miss == 0) break
        nc_next <- max(0, min(nc + miss, n_start))
        if (nc_next == nc) break
        nc <- nc_next
      }
      cen <- spread(nc, from, to)
    } else {
      # step 6 without the total events: the average censoring per unit time of the earlier intervals
      to <- T[K]
      rate <- if (m > 1 && from > T[lower[1]]) cens_total / (from - T[lower[1]]) else 0
      nc <- min(round(rate * (to - from)), n_start)
      cen <- spread(nc, from, to)
      r <- run(i, cen, n_start, s_last)
    }
    ev_time <- c(ev_time, rep(r$d_at, r$deaths))
    cen_time <- c(cen_time, head(cen, r$censored))
    cens_total <- cens_total + r$censored
    s_last <- r$s
    n_start <- r$n
  }
  # whoever is left is censored at the last digitised time
  cen_time <- c(cen_time, rep(T[K], n_start))
  data.frame(time = c(ev_time, cen_time), event = c(rep(1L, length(ev_time)), rep(0L, length(cen_time))))
}

inputs <- fromJSON("test/fixtures/guyotRInputs.json", simplifyVector = TRUE, simplifyDataFrame = FALSE)
results <- lapply(inputs, function(x) {
  ipd <- reconstruct_guyot(x$curve$time, x$curve$survival, x$risk$time, x$risk$nRisk)
  fit <- survfit(Surv(time, event) ~ 1, data = ipd)
  med <- unname(summary(fit)$table["median"])
  list(id = x$id, n = nrow(ipd), events = sum(ipd$event), median = if (is.na(med)) NULL else med,
       landmarkSurvival = summary(fit, times = x$landmarks, extend = TRUE)$surv, ipd = ipd)
})
names(results) <- sapply(inputs, function(x) x$id)
pairs <- unique(unlist(lapply(inputs, function(x) x$pair)))
hr <- lapply(pairs, function(p) {
  a <- results[[paste0(p, "/a")]]$ipd; b <- results[[paste0(p, "/b")]]$ipd
  d <- rbind(cbind(a, arm = 0), cbind(b, arm = 1))
  list(pair = p, hr = unname(exp(coef(coxph(Surv(time, event) ~ arm, data = d, ties = "efron")))))
})
out <- list(
  source = "scripts/reference/guyot.R: Guyot et al. (2012) as stated in the paper (deaths at T_k), survival::survfit, coxph(ties = 'efron')",
  r_version = R.version.string, survival_version = as.character(packageVersion("survival")),
  curves = lapply(results, function(r) r[c("id", "n", "events", "median", "landmarkSurvival")]),
  hr = hr)
names(out$curves) <- NULL
write_json(out, "test/fixtures/guyotR.json", digits = NA, auto_unbox = TRUE, null = "null")
cat(length(results), "curves,", length(hr), "pairs -> test/fixtures/guyotR.json\n")
