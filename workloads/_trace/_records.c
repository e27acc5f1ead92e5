/* The probe's hot path in C: one 32-byte record appended to the connection's buffer.

   A Python event costs a call, a clock read, a thread id, a struct.pack and a bytearray
   extend: about four times a bare call + perf_counter_ns + list append. Here the record is
   written straight into the bytearray, with the same bytes as ``struct.pack("<Qqqq", ...)``
   and the same clock as ``time.perf_counter_ns()``, so the window cannot tell the two apart.

   put(records, head, ts, a, key)
       Appends one record to `records` (a bytearray; any other buffer gets ``extend``).
   Marker(heads, records, slow, kind)
       ``probe.mark`` for one connection: ``marker(name)`` looks the name's head bits up in
       `heads` and appends a `kind` record for this thread, now. A name not interned yet, a
       lane or a sublane takes the Python path, ``slow(...)`` with the same arguments.

   Built for the interpreter the app is installed in (optional: without a compiler the probe
   stays pure Python). Not for builds without the GIL: its buffer relies on the GIL. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>
#ifdef __linux__
#include <time.h>
#endif

#ifdef Py_GIL_DISABLED
#error "the record buffer relies on the GIL"
#endif

static PyObject *perf_counter_ns = NULL;    /* time.perf_counter_ns, off Linux */

/* time.perf_counter_ns(): on Linux it is CLOCK_MONOTONIC (CPython's pytime.c) */
static int
now_ns(int64_t *out)
{
#ifdef __linux__
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0) {
        *out = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
        return 0;
    }
#endif
    PyObject *v = PyObject_CallNoArgs(perf_counter_ns);
    if (v == NULL)
        return -1;
    *out = PyLong_AsLongLong(v);
    Py_DECREF(v);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

static void
store_le(unsigned char *p, uint64_t v)
{
#if PY_LITTLE_ENDIAN
    memcpy(p, &v, 8);
#else
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
#endif
}

static int
append(PyObject *records, uint64_t head, int64_t ts, int64_t a, int64_t key)
{
    unsigned char buf[32];
    store_le(buf, head);
    store_le(buf + 8, (uint64_t)ts);
    store_le(buf + 16, (uint64_t)a);
    store_le(buf + 24, (uint64_t)key);
    if (PyByteArray_CheckExact(records)) {
        Py_ssize_t n = PyByteArray_GET_SIZE(records);
        if (PyByteArray_Resize(records, n + 32) < 0)
            return -1;
        memcpy(PyByteArray_AS_STRING(records) + n, buf, 32);
        return 0;
    }
    PyObject *data = PyBytes_FromStringAndSize((const char *)buf, 32);
    if (data == NULL)
        return -1;
    PyObject *r = PyObject_CallMethod(records, "extend", "O", data);
    Py_DECREF(data);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return 0;
}

static int
as_u64(PyObject *v, uint64_t *out)
{
    *out = PyLong_AsUnsignedLongLong(v);
    return (*out == (uint64_t)-1 && PyErr_Occurred()) ? -1 : 0;
}

static int
as_i64(PyObject *v, int64_t *out)
{
    *out = PyLong_AsLongLong(v);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *
put(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t head;
    int64_t ts, a, key;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "put(records, head, ts, a, key)");
        return NULL;
    }
    if (as_u64(args[1], &head) < 0 || as_i64(args[2], &ts) < 0 || as_i64(args[3], &a) < 0
            || as_i64(args[4], &key) < 0)
        return NULL;
    if (append(args[0], head, ts, a, key) < 0)
        return NULL;
    Py_RETURN_NONE;
}

typedef struct {
    PyObject_HEAD
    PyObject *heads;        /* name -> its id << 16 */
    PyObject *records;      /* the connection's bytearray */
    PyObject *slow;         /* the Python mark */
    uint64_t kind;
    vectorcallfunc vectorcall;
} Marker;

static PyObject *
marker_call(PyObject *self_obj, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Marker *self = (Marker *)self_obj;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs != 1 || kwnames != NULL)
        return PyObject_Vectorcall(self->slow, args, nargsf, kwnames);
    PyObject *bits = PyDict_GetItemWithError(self->heads, args[0]);   /* borrowed */
    if (bits == NULL) {
        if (PyErr_Occurred())
            return NULL;
        return PyObject_Vectorcall(self->slow, args, nargsf, NULL);
    }
    uint64_t head;
    int64_t ts;
    if (as_u64(bits, &head) < 0 || now_ns(&ts) < 0)
        return NULL;
    if (append(self->records, head | self->kind, ts, 0,
               (int64_t)PyThread_get_thread_ident()) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
marker_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *heads, *records, *slow;
    unsigned long long kind;
    if (!PyArg_ParseTuple(args, "O!OOK:Marker", &PyDict_Type, &heads, &records, &slow, &kind))
        return NULL;
    Marker *self = (Marker *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    Py_INCREF(heads);
    Py_INCREF(records);
    Py_INCREF(slow);
    self->heads = heads;
    self->records = records;
    self->slow = slow;
    self->kind = kind;
    self->vectorcall = marker_call;
    return (PyObject *)self;
}

static int
marker_traverse(Marker *self, visitproc visit, void *arg)
{
    Py_VISIT(self->heads);
    Py_VISIT(self->records);
    Py_VISIT(self->slow);
    return 0;
}

static int
marker_clear(Marker *self)
{
    Py_CLEAR(self->heads);
    Py_CLEAR(self->records);
    Py_CLEAR(self->slow);
    return 0;
}

static void
marker_dealloc(Marker *self)
{
    PyObject_GC_UnTrack(self);
    marker_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject MarkerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "workloads._trace._records.Marker",
    .tp_basicsize = sizeof(Marker),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "probe.mark for one connection: Marker(heads, records, slow, kind)",
    .tp_new = marker_new,
    .tp_call = PyVectorcall_Call,
    .tp_vectorcall_offset = offsetof(Marker, vectorcall),
    .tp_traverse = (traverseproc)marker_traverse,
    .tp_clear = (inquiry)marker_clear,
    .tp_dealloc = (destructor)marker_dealloc,
};

static PyMethodDef methods[] = {
    {"put", (PyCFunction)(void (*)(void))put, METH_FASTCALL,
     "put(records, head, ts, a, key): append one 32-byte record (<Qqqq) to records"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_records", "The probe's record writer in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__records(void)
{
    if (PyType_Ready(&MarkerType) < 0)
        return NULL;
    PyObject *time = PyImport_ImportModule("time");
    if (time == NULL)
        return NULL;
    perf_counter_ns = PyObject_GetAttrString(time, "perf_counter_ns");
    Py_DECREF(time);
    if (perf_counter_ns == NULL)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&MarkerType);
    if (PyModule_AddObject(m, "Marker", (PyObject *)&MarkerType) < 0) {
        Py_DECREF(&MarkerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
