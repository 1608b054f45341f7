/* sp-fault-shim.c
 *
 * An LD_PRELOAD module that makes a disk look full: once SP_FAULT_AFTER
 * bytes were written to files under SP_FAULT_DIR, writes to them fail with
 * ENOSPC (write, pwrite, fwrite, fprintf, fputs, fputc, fflush, fclose,
 * close), for SP_FAULT_SPAN bytes when that is set (space then comes back,
 * as when another file is removed), else for good.  SP_FAULT_REPORT names a
 * file that receives the number of bytes written, at exit.  SP_FAULT_SLOW
 * makes each write there take that many microseconds, so that a test can
 * interrupt the program while it writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
/* each of open/open64, fopen/fopen64, pwrite/pwrite64 is defined here */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __open_2 (const char *path, int flags);
int __open64_2 (const char *path, int flags);
int __vfprintf_chk (FILE *fp, int flag, const char *format, va_list ap);
int __fprintf_chk (FILE *fp, int flag, const char *format, ...);

#define MAX_FDS 4096
#define IO_ERR_SEEN 0x0020   /* glibc's error flag of a FILE */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char tracked[MAX_FDS];
static char fault_dir[PATH_MAX];
static long long after = -1;
static long long span;
static long long written;
static long long refused;
static long slow_us;
static int ready;

static void
setup (void)
{
  const char *dir, *n, *s;

  if (ready)
    return;
  ready = 1;
  dir = getenv ("SP_FAULT_DIR");
  n = getenv ("SP_FAULT_AFTER");
  s = getenv ("SP_FAULT_SPAN");
  if (dir != NULL && strlen (dir) < sizeof fault_dir - 2)
    {
      strcpy (fault_dir, dir);
      if (fault_dir[strlen (fault_dir) - 1] != '/')
        strcat (fault_dir, "/");
    }
  after = n ? atoll (n) : -1;
  span = s ? atoll (s) : 0;
  slow_us = getenv ("SP_FAULT_SLOW") ? atol (getenv ("SP_FAULT_SLOW")) : 0;
}

static int
under_dir (const char *path)
{
  char cwd[PATH_MAX];
  char full[PATH_MAX * 2];

  setup ();
  if (fault_dir[0] == '\0' || path == NULL)
    return 0;
  if (path[0] != '/')
    {
      if (getcwd (cwd, sizeof cwd) == NULL)
        return 0;
      snprintf (full, sizeof full, "%s/%s", cwd, path);
      path = full;
    }
  return strncmp (path, fault_dir, strlen (fault_dir)) == 0;
}

static void
track (int fd,
       int on)
{
  if (fd >= 0 && fd < MAX_FDS)
    tracked[fd] = (unsigned char) on;
}

static int
is_tracked (int fd)
{
  return fd >= 0 && fd < MAX_FDS && tracked[fd];
}

/* How many of @len bytes may be written now; -1 (ENOSPC) when none */
static long long
allow (size_t len)
{
  long long n;

  pthread_mutex_lock (&lock);
  setup ();
  if (slow_us > 0)
    usleep ((useconds_t) slow_us);
  if (after < 0 || written < after)
    {
      n = after < 0 ? (long long) len : (long long) len < after - written ? (long long) len
                                                                          : after - written;
      written += n;
    }
  else if (span == 0 || refused < span)
    {
      refused += (long long) len;
      n = -1;
    }
  else
    {
      n = (long long) len;
      written += n;
    }
  pthread_mutex_unlock (&lock);

  if (n < 0)
    errno = ENOSPC;
  return n;
}

static int
failing (void)
{
  int f;

  pthread_mutex_lock (&lock);
  setup ();
  f = after >= 0 && written >= after && (span == 0 || refused < span);
  pthread_mutex_unlock (&lock);
  return f;
}

#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

static int
open_common (int (*real) (const char *, int, ...),
             const char  *path,
             int          flags,
             mode_t       mode)
{
  int fd = real (path, flags, mode);

  if (fd >= 0 && (flags & O_ACCMODE) != O_RDONLY && under_dir (path))
    track (fd, 1);
  return fd;
}

int
open (const char *path, int flags, ...)
{
  mode_t mode = 0;
  va_list ap;
  REAL (open);

  va_start (ap, flags);
  if (flags & (O_CREAT | O_TMPFILE))
    mode = va_arg (ap, mode_t);
  va_end (ap);
  return open_common (real_open, path, flags, mode);
}

int
open64 (const char *path, int flags, ...)
{
  mode_t mode = 0;
  va_list ap;
  REAL (open64);

  va_start (ap, flags);
  if (flags & (O_CREAT | O_TMPFILE))
    mode = va_arg (ap, mode_t);
  va_end (ap);
  return open_common (real_open64, path, flags, mode);
}

int
__open_2 (const char *path, int flags)
{
  return open (path, flags);
}

int
__open64_2 (const char *path, int flags)
{
  return open64 (path, flags);
}

FILE *
fopen (const char *path, const char *mode)
{
  FILE *fp;
  REAL (fopen);

  fp = real_fopen (path, mode);
  if (fp != NULL && strpbrk (mode, "wa+") != NULL && under_dir (path))
    track (fileno (fp), 1);
  return fp;
}

FILE *
fopen64 (const char *path, const char *mode)
{
  FILE *fp;
  REAL (fopen64);

  fp = real_fopen64 (path, mode);
  if (fp != NULL && strpbrk (mode, "wa+") != NULL && under_dir (path))
    track (fileno (fp), 1);
  return fp;
}

int
close (int fd)
{
  int was = is_tracked (fd);
  int rc;
  REAL (close);

  track (fd, 0);
  rc = real_close (fd);
  if (rc == 0 && was && failing ())
    {
      errno = ENOSPC;
      return -1;
    }
  return rc;
}

ssize_t
write (int fd, const void *buf, size_t len)
{
  long long n;
  REAL (write);

  if (!is_tracked (fd))
    return real_write (fd, buf, len);
  if ((n = allow (len)) < 0)
    return -1;
  return real_write (fd, buf, (size_t) n);
}

ssize_t
pwrite (int fd, const void *buf, size_t len, off_t offset)
{
  long long n;
  REAL (pwrite);

  if (!is_tracked (fd))
    return real_pwrite (fd, buf, len, offset);
  if ((n = allow (len)) < 0)
    return -1;
  return real_pwrite (fd, buf, (size_t) n, offset);
}

ssize_t
pwrite64 (int fd, const void *buf, size_t len, off64_t offset)
{
  long long n;
  REAL (pwrite64);

  if (!is_tracked (fd))
    return real_pwrite64 (fd, buf, len, offset);
  if ((n = allow (len)) < 0)
    return -1;
  return real_pwrite64 (fd, buf, (size_t) n, offset);
}

static int
stream_tracked (FILE *fp)
{
  return fp != NULL && is_tracked (fileno (fp));
}

size_t
fwrite (const void *buf, size_t size, size_t count, FILE *fp)
{
  long long n;
  size_t done;
  REAL (fwrite);

  if (!stream_tracked (fp) || size == 0 || count == 0)
    return real_fwrite (buf, size, count, fp);

  n = allow (size * count);
  if (n < 0)
    {
      fp->_flags |= IO_ERR_SEEN;
      errno = ENOSPC;
      return 0;
    }
  done = real_fwrite (buf, 1, (size_t) n, fp);
  if ((long long) done < (long long) (size * count))
    {
      fp->_flags |= IO_ERR_SEEN;
      errno = ENOSPC;
    }
  return done / size;
}

int
fputs (const char *s, FILE *fp)
{
  size_t len = strlen (s);

  if (!stream_tracked (fp))
    {
      REAL (fputs);
      return real_fputs (s, fp);
    }
  return fwrite (s, 1, len, fp) == len ? 1 : EOF;
}

int
fputc (int c, FILE *fp)
{
  unsigned char ch = (unsigned char) c;

  if (!stream_tracked (fp))
    {
      REAL (fputc);
      return real_fputc (c, fp);
    }
  return fwrite (&ch, 1, 1, fp) == 1 ? ch : EOF;
}

int
putc (int c, FILE *fp)
{
  return fputc (c, fp);
}

int
vfprintf (FILE *fp, const char *format, va_list ap)
{
  char *text = NULL;
  int len;

  if (!stream_tracked (fp))
    {
      REAL (vfprintf);
      return real_vfprintf (fp, format, ap);
    }
  len = vasprintf (&text, format, ap);
  if (len < 0)
    return -1;
  if (fwrite (text, 1, (size_t) len, fp) != (size_t) len)
    len = -1;
  free (text);
  return len;
}

int
fprintf (FILE *fp, const char *format, ...)
{
  va_list ap;
  int rc;

  va_start (ap, format);
  rc = vfprintf (fp, format, ap);
  va_end (ap);
  return rc;
}

int
__vfprintf_chk (FILE *fp, int flag, const char *format, va_list ap)
{
  (void) flag;
  return vfprintf (fp, format, ap);
}

int
__fprintf_chk (FILE *fp, int flag, const char *format, ...)
{
  va_list ap;
  int rc;

  (void) flag;
  va_start (ap, format);
  rc = vfprintf (fp, format, ap);
  va_end (ap);
  return rc;
}

int
fflush (FILE *fp)
{
  REAL (fflush);

  if (stream_tracked (fp) && failing ())
    {
      __fpurge (fp);
      fp->_flags |= IO_ERR_SEEN;
      errno = ENOSPC;
      return EOF;
    }
  return real_fflush (fp);
}

int
fclose (FILE *fp)
{
  int was = stream_tracked (fp);
  int rc;
  REAL (fclose);

  if (was && failing ())
    __fpurge (fp);
  if (fp != NULL)
    track (fileno (fp), 0);
  rc = real_fclose (fp);
  if (was && failing ())
    {
      errno = ENOSPC;
      return EOF;
    }
  return rc;
}

__attribute__ ((destructor)) static void
report (void)
{
  const char *path = getenv ("SP_FAULT_REPORT");
  char text[64];
  int fd, len;
  REAL (open);
  REAL (write);
  REAL (close);

  if (path == NULL)
    return;
  len = snprintf (text, sizeof text, "%lld\n", written);
  fd = real_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd >= 0)
    {
      if (real_write (fd, text, (size_t) len) < 0)
        len = 0;
      real_close (fd);
    }
}
