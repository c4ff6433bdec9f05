/* A stand-in for libuv's header, used only to build Node's Node-API test addons
 * (crates/cli/tests/napi_suite.rs). It provides the libuv *utilities* those addons
 * use on their own threads (threads, mutexes, sleep, hrtime) on top of pthreads.
 * It deliberately has nothing of libuv's event loop (uv_loop_t handles, uv_queue_work,
 * uv_async_*): amber is not built on libuv and napi_get_uv_event_loop fails, so the
 * tests that need them fail to build and are listed in not_passing.txt. */
#ifndef AMBER_NAPI_SUITE_UV_H
#define AMBER_NAPI_SUITE_UV_H
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct uv_loop_s uv_loop_t;
typedef pthread_t uv_thread_t;
typedef pthread_mutex_t uv_mutex_t;
typedef void (*uv_thread_cb)(void* arg);

struct amber_uv_thread_start { uv_thread_cb cb; void* arg; };

static void* amber_uv_thread_entry(void* p) {
  struct amber_uv_thread_start s = *(struct amber_uv_thread_start*)p;
  free(p);
  s.cb(s.arg);
  return NULL;
}
static inline int uv_thread_create(uv_thread_t* t, uv_thread_cb cb, void* arg) {
  struct amber_uv_thread_start* s = (struct amber_uv_thread_start*)malloc(sizeof(*s));
  s->cb = cb;
  s->arg = arg;
  return pthread_create(t, NULL, amber_uv_thread_entry, s) == 0 ? 0 : -1;
}
static inline int uv_thread_join(uv_thread_t* t) { return pthread_join(*t, NULL) == 0 ? 0 : -1; }
static inline void uv_sleep(unsigned int msec) { usleep(msec * 1000); }
static inline uint64_t uv_hrtime(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static inline int uv_mutex_init(uv_mutex_t* m) { return pthread_mutex_init(m, NULL); }
static inline void uv_mutex_lock(uv_mutex_t* m) { pthread_mutex_lock(m); }
static inline void uv_mutex_unlock(uv_mutex_t* m) { pthread_mutex_unlock(m); }
static inline void uv_mutex_destroy(uv_mutex_t* m) { pthread_mutex_destroy(m); }
#endif
