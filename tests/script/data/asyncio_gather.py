import asyncio


async def say(what, delay):
    await asyncio.sleep(delay)
    print(what)


async def main():
    await asyncio.gather(say("hello", 1), say("world", 1))


asyncio.run(main())
