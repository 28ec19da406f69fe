#include <awscoro/retry.hpp>

#include <doctest/doctest.h>

using namespace awscoro;
using retry::failure_kind;

TEST_CASE("retry: standard quota costs 5 per retry, 10 per timeout retry, refunds on success")
{
    retry::quota q;
    unsigned taken = 0;
    CHECK(q.available() == 500);
    CHECK(q.try_acquire(failure_kind::transient, taken));
    CHECK(q.try_acquire(failure_kind::throttling, taken));
    CHECK(q.try_acquire(failure_kind::timeout, taken));
    CHECK(taken == 20);
    CHECK(q.available() == 480);
    q.on_success(taken);  // the call's retries are paid back
    CHECK(q.available() == 500);
    q.on_success(0);  // +1 for a success that took nothing, capped at capacity
    CHECK(q.available() == 500);

    // Drain: 100 retries of 5.
    unsigned drained = 0;
    for (int i = 0; i < 100; ++i)
        CHECK(q.try_acquire(failure_kind::transient, drained));
    CHECK(q.available() == 0);
    unsigned none = 0;
    CHECK_FALSE(q.try_acquire(failure_kind::transient, none));
    CHECK(none == 0);
    q.on_success(0);
    CHECK(q.available() == 1);
}

TEST_CASE("retry: 2026 revision costs 14 per retry, 5 for throttling")
{
    retry::quota q(true);
    unsigned taken = 0;
    CHECK(q.try_acquire(failure_kind::transient, taken));
    CHECK(taken == 14);
    CHECK(q.try_acquire(failure_kind::timeout, taken));
    CHECK(taken == 28);
    CHECK(q.try_acquire(failure_kind::throttling, taken));
    CHECK(taken == 33);
    CHECK(q.available() == 500 - 33);
}

TEST_CASE("retry: back-off is random × min(base × 2^(i-1), 20 s)")
{
    using retry::backoff_seconds;
    // random01 close to 1 shows the ceiling.
    const double r = 0.999999;
    CHECK(backoff_seconds(1, failure_kind::transient, false, r) == doctest::Approx(1.0).epsilon(1e-5));
    CHECK(backoff_seconds(2, failure_kind::transient, false, r) == doctest::Approx(2.0).epsilon(1e-5));
    CHECK(backoff_seconds(3, failure_kind::throttling, false, r) == doctest::Approx(4.0).epsilon(1e-5));
    CHECK(backoff_seconds(6, failure_kind::transient, false, r) == doctest::Approx(20.0).epsilon(1e-5));
    CHECK(backoff_seconds(60, failure_kind::transient, false, r) == doctest::Approx(20.0).epsilon(1e-5));
    CHECK(backoff_seconds(3, failure_kind::transient, false, 0.0) == 0.0);
    CHECK(backoff_seconds(2, failure_kind::transient, false, 0.5) == doctest::Approx(1.0));
    // A server's retry-after is ignored outside the 2026 revision.
    CHECK(backoff_seconds(1, failure_kind::transient, false, 0.5, 3000.0) == doctest::Approx(0.5));
    // An explicit base replaces the mode's.
    CHECK(backoff_seconds(3, failure_kind::transient, false, 0.5, std::nullopt, 0.001) == doctest::Approx(0.002));
}

TEST_CASE("retry: 2026 revision bases and x-amz-retry-after bounds")
{
    using retry::backoff_seconds;
    const double r = 0.5;
    CHECK(backoff_seconds(1, failure_kind::transient, true, r) == doctest::Approx(0.025));
    CHECK(backoff_seconds(3, failure_kind::transient, true, r) == doctest::Approx(0.1));
    CHECK(backoff_seconds(1, failure_kind::throttling, true, r) == doctest::Approx(0.5));
    // retry-after (ms) is clamped to [computed, computed + 5 s].
    CHECK(backoff_seconds(1, failure_kind::throttling, true, r, 2000.0) == doctest::Approx(2.0));
    CHECK(backoff_seconds(1, failure_kind::throttling, true, r, 10.0) == doctest::Approx(0.5));
    CHECK(backoff_seconds(1, failure_kind::throttling, true, r, 60000.0) == doctest::Approx(5.5));
}

TEST_CASE("retry: a throttle in the first half second keeps the rate seen so far")
{
    double t = 500.0;
    retry::rate_limiter limiter(t);
    for (int i = 0; i < 20; ++i) {  // 20 requests in 0.2 s: 100/s, no window closed yet
        limiter.on_response(t, false, t);
        t += 0.01;
    }
    CHECK(limiter.measured_rate() == 0.0);
    limiter.on_response(t, true, t);
    CHECK(limiter.fill_rate() > 10.0);  // not the 0.5/s floor
}

TEST_CASE("retry: the adaptive rate limiter is off until throttled, then follows CUBIC")
{
    double t = 1000.0;
    retry::rate_limiter limiter(t);
    // Not enabled: never waits, however fast.
    for (int i = 0; i < 100; ++i) {
        CHECK(limiter.acquire(t) == 0.0);
        limiter.on_response(t, false, t);
        t += 0.01;  // 100 requests/s
    }
    CHECK_FALSE(limiter.enabled());
    CHECK(limiter.measured_rate() > 50.0);

    // The first throttle enables it at β × the measured rate.
    const double measured = limiter.measured_rate();
    limiter.on_response(t, true, t);
    CHECK(limiter.enabled());
    CHECK(limiter.fill_rate() == doctest::Approx(measured * 0.7));

    // Beyond the bucket, callers are told to wait, briefly, and nothing is
    // reserved: asking again at the same time gives the same answer.
    while (limiter.acquire(t) == 0.0) {
    }
    const double wait = limiter.acquire(t);
    CHECK(wait > 0.0);
    CHECK(wait <= 0.1);
    CHECK(limiter.acquire(t) == doctest::Approx(wait));
    // Once a token has accrued, the next caller goes.
    CHECK(limiter.acquire(t + 1.0 / limiter.fill_rate()) == 0.0);

    // Successes after a throttle let the rate grow again (CUBIC), to at most
    // 2 × the measured send rate (here still 100/s).
    const double after_throttle = limiter.fill_rate();
    for (int i = 0; i < 500; ++i) {
        t += 0.01;
        limiter.on_response(t, false, t);
    }
    CHECK(limiter.fill_rate() > after_throttle);
    CHECK(limiter.fill_rate() <= 2 * limiter.measured_rate() + 1e-9);
}

TEST_CASE("retry: a burst of throttles for requests already in flight slows down once")
{
    double t = 100.0;
    retry::rate_limiter limiter(t);
    for (int i = 0; i < 200; ++i) {
        limiter.on_response(t, false, t);
        t += 0.01;
    }
    const double sent = t;  // 32 requests go out together...
    t += 0.05;
    limiter.on_response(t, true, sent);  // ...and all come back throttled
    const double once = limiter.fill_rate();
    for (int i = 1; i < 32; ++i)
        limiter.on_response(t + i * 0.001, true, sent);
    CHECK(limiter.fill_rate() == doctest::Approx(once));
    // A request sent after the slow-down that is throttled again slows down again.
    limiter.on_response(t + 0.1, true, t + 0.05);
    CHECK(limiter.fill_rate() < once);
}

TEST_CASE("retry: the adaptive rate limiter never falls below 0.5 requests/s")
{
    double t = 0;
    retry::rate_limiter limiter(t);
    for (int i = 0; i < 20; ++i) {
        limiter.on_response(t, true, t);
        t += 1;
    }
    CHECK(limiter.enabled());
    CHECK(limiter.fill_rate() >= 0.5);
    // A token every 2 s at worst.
    while (limiter.acquire(t) == 0.0) {
    }
    CHECK(limiter.acquire(t + 2.0 + 1e-9) == 0.0);
}
